#include "service/processing_register.hpp"

namespace cowork::hub {
namespace {

Json item(const char* id, const std::string& label) { return {{"id", id}, {"label", label}}; }

std::string months(int n) { return std::to_string(n) + " mois"; }

Json purposes() {
    return Json::array({
        item("check_in", "Arrivées et départs des télétravailleurs, places libres de chaque lieu"),
        item("statistics", "Statistiques de fréquentation pour les financeurs (jamais de groupe de moins de 5 personnes)"),
        item("messages", "Messages des télétravailleurs aux animateurs des lieux"),
        item("membership", "Adhésion au réseau : code membre reconnu dans tous les lieux"),
        item("animation", "Heures d’animation des animateurs désignés, pour leur paie (obligation légale de l’employeur)"),
    });
}

// What the registration holds: the kiosk's sign-up fields, nothing more.
Json dataCategories() {
    return Json::array({
        {{"id", "identity"}, {"label", "Identification"}, {"fields", {"prénom", "code membre"}}},
        {{"id", "contact"}, {"label", "Coordonnées (facultatives)"}, {"fields", {"adresse e-mail ou téléphone"}}},
        {{"id", "situation"}, {"label", "Situation (facultative)"}, {"fields", {"employeur", "commune de résidence"}}},
        {{"id", "consent"}, {"label", "Consentement"}, {"fields", {"date du consentement"}}},
        {{"id", "visits"}, {"label", "Passages"}, {"fields", {"lieu", "place", "heures d’arrivée et de départ"}}},
        {{"id", "messages"}, {"label", "Messages aux animateurs"}, {"fields", {"nom donné", "contact donné", "texte"}}},
        {{"id", "animation"}, {"label", "Séances d’animation"},
         {"fields", {"animateur (identifiant de membre)", "lieu", "heures de début et de fin", "corrections de la coordination"}}},
        {{"id", "accounts"}, {"label", "Comptes de la console"}, {"fields", {"adresse e-mail", "rôle", "lieux animés", "journal des actions"}}},
    });
}

Json recipients(const RegisterSettings& s) {
    Json list = Json::array({
        item("coordinators", "La coordination de la communauté de communes (" + s.controller + ") : toutes les données"),
        item("animators", "Les animateurs d’un lieu : prénoms et passages du jour, messages de leur lieu"),
        item("elected", "Les élus : chiffres de fréquentation seulement, jamais de données personnelles"),
    });
    if (!s.mailRelay.empty()) {
        list.push_back(item("mail_relay", "Le serveur d’envoi des e-mails du hub (" + s.mailRelay +
                                              ") : les messages aux animateurs qu’il transmet"));
    }
    return list;
}

Json retention(const RegisterSettings& s) {
    return Json::array({
        {{"id", "visit_link"},
         {"label", "Lien entre un passage et le membre : " + months(s.visitLinkMonths) +
                       ", puis le passage reste un simple comptage anonyme"},
         {"months", s.visitLinkMonths}},
        {{"id", "messages"},
         {"label", "Messages aux animateurs : nom, contact et texte effacés après " + months(s.visitLinkMonths) +
                       " (la durée du lien des passages), sur le hub et les kiosques, ou dès l’effacement du membre "
                       "dont ils donnent l’e-mail ou le téléphone ; reste un comptage anonyme (lieu, date, état d’envoi)"},
         {"months", s.visitLinkMonths}},
        {{"id", "members"},
         {"label", "Membre sans passage depuis " + months(s.forgetAfterMonths) + " : effacé partout, hub et kiosques"},
         {"months", s.forgetAfterMonths}},
        {{"id", "audit"}, {"label", "Journal des actions de la console : " + months(s.auditKeptMonths)}, {"months", s.auditKeptMonths}},
        {{"id", "animation"},
         {"label", "Séances d’animation (données de paie) : " + months(s.animationKeptMonths) +
                       " après leur fin, le délai de réclamation des salaires (Code du travail, L3245-1), même si "
                       "l’animateur est effacé comme membre ; les totaux mensuels exportés sont conservés par la paie"},
         {"months", s.animationKeptMonths}},
        {{"id", "backups"},
         {"label", "Sauvegardes du hub : " + months(s.visitLinkMonths) + " au plus (la durée du lien des passages)"},
         {"months", s.visitLinkMonths}},
    });
}

Json securityMeasures() {
    return Json::array({
        "Échanges chiffrés (HTTPS) ; les kiosques vérifient la clé du hub (épinglage)",
        "Accès à la console par compte nominatif, mot de passe haché (Argon2id), session limitée à 8 heures et 30 minutes d’inactivité",
        "Rôles : coordination, animateurs (leurs lieux seulement), élus (lecture des chiffres seulement)",
        "Journal de chaque modification, sans donnée personnelle des membres",
        "Effacement sécurisé de la base (secure_delete) : ce qui est supprimé ne reste pas dans le fichier",
        "Aucune donnée personnelle dans les adresses (URL) ni dans les journaux techniques",
        "Kiosques : jetons d’accès révocables, données effacées selon les mêmes durées",
    });
}

}  // namespace

Json processingRegisterJson(const RegisterSettings& s) {
    return {
        {"title", "Registre des activités de traitement (article 30 du RGPD)"},
        {"processing", "Réseau de tiers-lieux et mini-coworkings ruraux (" + std::to_string(s.sites) + " lieux)"},
        {"controller", {{"name", s.controller}, {"role", "responsable du traitement"}}},
        {"legal_basis", "Consentement du télétravailleur à l’inscription, donné sur le kiosque"},
        {"purposes", purposes()},
        {"persons", Json::array({item("members", "Télétravailleurs inscrits au réseau"),
                                 item("visitors", "Passages « juste aujourd’hui » : anonymes, aucune donnée personnelle"),
                                 item("staff", "Coordinateurs, animateurs et élus ayant un compte sur la console")})},
        {"data_categories", dataCategories()},
        {"recipients", recipients(s)},
        {"transfers_outside_eu", "Aucun"},
        {"retention", retention(s)},
        {"security", securityMeasures()},
        {"rights", "Accès, rectification, effacement, portabilité : auprès de la coordination, qui les exerce depuis la console"},
    };
}

}  // namespace cowork::hub
