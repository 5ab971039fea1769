#include "mail/invitation_mail.hpp"

#include "mail/mail_text.hpp"

namespace cowork::hub {

OutgoingMail composeInvitationMail(const InvitationMail& invitation, const std::string& sender, TimeMs now) {
    std::string headers = "From: " + encodeHeaderText("Console du réseau de coworking") + " <" + sender + ">\r\n";
    headers += "To: " + invitation.to + "\r\n";
    headers += "Subject: " + encodeHeaderText("Votre compte sur la console du réseau de coworking") + "\r\n";
    headers += "Date: " + rfc5322Date(now) + "\r\n";
    headers += "MIME-Version: 1.0\r\n";
    headers += "Content-Type: text/plain; charset=UTF-8\r\n";
    headers += "Content-Transfer-Encoding: 8bit\r\n";
    const std::string body = "Bonjour,\n\nUn compte " + invitation.roleLabel +
                             " vous a été créé sur la console du réseau de coworking de la communauté de communes.\n"
                             "Pour choisir votre mot de passe, ouvrez ce lien (il ne sert qu’une fois) avant le " +
                             frenchDateTime(invitation.expiresAt) + " :\n\n" + invitation.url +
                             "\n\nSi vous n’attendiez pas ce message, ignorez-le.\n";
    return {sender, invitation.to, headers + "\r\n" + bodyText(body)};
}

}  // namespace cowork::hub
