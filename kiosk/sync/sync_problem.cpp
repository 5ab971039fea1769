#include "sync/sync_problem.hpp"

namespace cowork::kiosk {
namespace {

struct Words {
    std::string_view key;
    std::string_view french;
};

Words words(SyncProblem problem) {
    switch (problem) {
    case SyncProblem::None: return {"sync.problem.none", ""};
    case SyncProblem::NoNetwork: return {"sync.problem.no_network", "pas de réseau"};
    case SyncProblem::HubUnreachable: return {"sync.problem.unreachable", "serveur injoignable"};
    case SyncProblem::Timeout: return {"sync.problem.timeout", "le serveur ne répond pas à temps"};
    case SyncProblem::UntrustedCertificate:
        return {"sync.problem.untrusted", "certificat du serveur non reconnu : donnez l'empreinte (pin) affichée par « cowork-hub pin »"};
    case SyncProblem::UnexpectedKey: return {"sync.problem.unexpected_key", "certificat du serveur inattendu"};
    case SyncProblem::NotRecognised: return {"sync.problem.not_recognised", "kiosque non reconnu par le serveur (révoqué ?)"};
    case SyncProblem::Refused: return {"sync.problem.refused", "demande refusée par le serveur"};
    case SyncProblem::HubError: return {"sync.problem.hub_error", "erreur du serveur"};
    case SyncProblem::BadAnswer: return {"sync.problem.bad_answer", "réponse du serveur illisible"};
    case SyncProblem::WrongCode: return {"sync.problem.wrong_code", "code d'inscription inconnu, déjà utilisé ou expiré"};
    case SyncProblem::StoreInUse:
        return {"sync.problem.store_in_use",
                "ce kiosque a déjà des passages enregistrés sous un autre identifiant : repartez d'un dossier de données vide (--data)"};
    }
    return {"sync.problem.hub_error", "erreur du serveur"};
}

}  // namespace

std::string_view problemKey(SyncProblem problem) { return words(problem).key; }
std::string_view problemFrench(SyncProblem problem) { return words(problem).french; }
bool isTrustProblem(SyncProblem problem) {
    return problem == SyncProblem::UntrustedCertificate || problem == SyncProblem::UnexpectedKey;
}

}  // namespace cowork::kiosk
