#include "mail/animator_mail.hpp"

#include <cctype>

#include "mail/mail_address.hpp"
#include "mail/mail_text.hpp"

namespace cowork::hub {
namespace {

std::string siteLabel(const Site& site) { return site.name + " (" + site.commune + ")"; }

std::string subjectOf(const AnimatorMessage& message, const Site& site) {
    if (message.fromName.empty()) return "Message laissé au kiosque de " + site.name;
    return "Message de " + message.fromName + " au kiosque de " + site.name;
}

std::string authorOf(const AnimatorMessage& message) {
    const std::string who = message.fromName.empty() ? "une personne qui n’a pas donné son prénom" : message.fromName;
    const std::string how = message.contact.empty() ? "aucun contact laissé" : "contact : " + message.contact;
    return who + " (" + how + ")";
}

std::string howToAnswer(const AnimatorMessage& message) {
    if (message.contact.empty()) return "Cette personne n’a pas laissé de contact.";
    if (isPlainMailAddress(message.contact)) return "Pour répondre, répondez à cet e-mail : la réponse ira à " + message.contact + ".";
    return "Pour répondre, utilisez le contact indiqué ci-dessus.";
}

std::string bodyOf(const AnimatorMessage& message, const Site& site) {
    return "Message laissé au kiosque de " + siteLabel(site) + " le " + frenchDateTime(message.createdAt) + " par " +
           authorOf(message) + " :\n\n" + message.text + "\n\n-- \n" + howToAnswer(message) +
           "\nEnvoyé par le hub du réseau de coworking.\n";
}

// A Message-ID made only of characters RFC 5322 allows there.
std::string messageIdHeader(const std::string& messageId, const std::string& sender) {
    std::string left;
    for (const char c : messageId) left += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '-';
    return "<" + left + ".kiosque@" + domainOf(sender) + ">";
}

// `Name <address>`, the address folded onto its own line when the header line
// would pass 78 characters.
std::string mailbox(const std::string& header, const std::string& displayName, const std::string& address) {
    if (displayName.empty()) return header + ": " + address + "\r\n";
    const std::string name = encodeHeaderText(displayName);
    const std::size_t lastBreak = name.rfind('\n');
    const std::size_t lastLine = lastBreak == std::string::npos ? header.size() + 2 + name.size() : name.size() - lastBreak - 1;
    const bool fits = lastLine + 2 + address.size() + 1 <= 78;
    return header + ": " + name + (fits ? " <" : "\r\n <") + address + ">\r\n";
}

}  // namespace

std::optional<std::string> undeliverableReason(const MailToSend& mail) {
    const std::string& siteId = mail.message.siteId;
    if (!mail.site) return "le lieu « " + siteId + " » est inconnu du hub : importez le fichier réseau qui le décrit";
    const std::string& email = mail.site->animator.email;
    if (email.empty()) {
        return "le lieu « " + mail.site->name + " » (" + siteId + ") n’a pas d’adresse e-mail d’animateur : "
               "renseignez-la, le message partira à la tentative suivante";
    }
    if (!isPlainMailAddress(email)) {
        return "l’adresse e-mail de l’animateur du lieu « " + mail.site->name + " » (« " + email +
               " ») n’est pas valide : corrigez-la, le message partira à la tentative suivante";
    }
    return std::nullopt;
}

OutgoingMail composeAnimatorMail(const MailToSend& mail, const std::string& sender, TimeMs now) {
    const AnimatorMessage& message = mail.message;
    const Site& site = *mail.site;
    std::string headers = mailbox("From", "Kiosque – " + site.name, sender);
    headers += mailbox("To", site.animator.name, site.animator.email);
    if (isPlainMailAddress(message.contact)) headers += mailbox("Reply-To", message.fromName, message.contact);
    headers += "Subject: " + encodeHeaderText(subjectOf(message, site)) + "\r\n";
    headers += "Date: " + rfc5322Date(now) + "\r\n";
    headers += "Message-ID: " + messageIdHeader(message.id, sender) + "\r\n";
    headers += "MIME-Version: 1.0\r\n";
    headers += "Content-Type: text/plain; charset=UTF-8\r\n";
    headers += "Content-Transfer-Encoding: 8bit\r\n";
    return {sender, site.animator.email, headers + "\r\n" + bodyText(bodyOf(message, site))};
}

}  // namespace cowork::hub
