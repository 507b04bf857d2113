"""The client pages in French (the default) and English: the language choice, the messages,
the plain-words labels of the vocabularies, and numbers written the way each language does."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

from service.selection.registry import CRITERIA
from vendors.vocabulary import (
    COMPANY_SIZE_LABELS,
    COUNTRIES,
    CURRENCIES,
    DOMAIN_LABELS,
    LANGUAGES,
    REGIONS,
    CompanySize,
    Domain,
)

Lang = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = ("fr", "en")
DEFAULT_LANG: Lang = "fr"


class Bilingual(Protocol):
    """Anything with a French and an English label (vocabulary labels, capabilities)."""

    @property
    def fr(self) -> str: ...

    @property
    def en(self) -> str: ...


def negotiate(query: str | None, accept_language: str | None) -> Lang:
    """`?lang=` when it names a language the pages speak, else Accept-Language, else French."""
    if query in LANGS:
        return query
    preferences: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.split("-", 1)[0].strip().lower()
        if quality > 0 and not math.isnan(quality):
            preferences.append((-quality, position, primary))
    for _quality, _position, primary in sorted(preferences):
        if primary in LANGS:
            return primary
    return DEFAULT_LANG


# Every sentence of the client pages: key -> (French, English).
MESSAGES: Mapping[str, tuple[str, str]] = {
    "app_name": ("Shortlist", "Shortlist"),
    "skip": ("Aller au contenu", "Skip to content"),
    "switch_lang": ("English", "Français"),
    "switch_lang_code": ("en", "fr"),
    "switch_lang_name": ("Read this page in English", "Lire cette page en français"),
    "title_welcome": ("Votre projet CRM", "Your CRM project"),
    "welcome_intro": (
        "Votre consultant vous invite à décrire votre projet CRM : votre entreprise, vos "
        "utilisateurs, ce que le CRM doit faire, vos contraintes et vos priorités. Comptez une "
        "dizaine de minutes.",
        "Your consultant invites you to describe your CRM project: your company, your users, "
        "what the CRM must do, your constraints and your priorities. It takes about ten minutes.",
    ),
    "welcome_saved": (
        "Chaque étape est enregistrée dès que vous la validez : vous pouvez vous arrêter et "
        "reprendre plus tard avec le même lien, jusqu'au {date}.",
        "Each step is saved as soon as you submit it: you can stop and continue later with the "
        "same link, until {date}.",
    ),
    "welcome_for": ("Questionnaire pour {client}", "Questionnaire for {client}"),
    "start": ("Commencer", "Start"),
    "continue": ("Continuer", "Continue"),
    "review": ("Revoir mes réponses", "Review my answers"),
    "see_results": ("Voir la comparaison", "See the comparison"),
    "steps": ("Étapes", "Steps"),
    "step_of": ("Étape {n} sur {total}", "Step {n} of {total}"),
    "step_done": ("enregistrée", "saved"),
    "step_todo": ("à faire", "to do"),
    "step_company": ("Entreprise et projet", "Company and project"),
    "step_users": ("Utilisateurs", "Users"),
    "step_scope": ("Périmètre et indispensables", "Scope and must-haves"),
    "step_constraints": ("Contraintes et budget", "Constraints and budget"),
    "step_priorities": ("Priorités", "Priorities"),
    "save_next": ("Enregistrer et continuer", "Save and continue"),
    "save_finish": ("Enregistrer et terminer", "Save and finish"),
    "back": ("Étape précédente", "Previous step"),
    "optional": ("facultatif", "optional"),
    "colon": ("\u00a0: ", ": "),
    "error_summary": (
        "Certaines réponses sont à corriger :",
        "Some answers need correcting:",
    ),
    "saved_notice": ("Étape enregistrée.", "Step saved."),
    # Step 1
    "company_intro": (
        "Présentez votre entreprise et la situation de départ du projet.",
        "Tell us about your company and where the project starts from.",
    ),
    "client_name": ("Nom de l'entreprise", "Company name"),
    "sector": ("Secteur d'activité", "Line of business"),
    "sector_hint": (
        "Par exemple : négoce de vins, industrie, BTP.",
        "For example: wine trade, manufacturing, construction.",
    ),
    "size": ("Taille de l'entreprise", "Company size"),
    "size_unknown": ("Je préfère ne pas le dire", "I would rather not say"),
    "context": ("Situation du projet", "Project situation"),
    "context_first_crm": ("Premier CRM", "A first CRM"),
    "context_first_crm_hint": (
        "Vous n'avez pas encore de CRM (fichiers, tableurs, messagerie).",
        "You have no CRM yet (files, spreadsheets, e-mail).",
    ),
    "context_relaunch": ("Relancer un CRM peu utilisé", "Relaunch a poorly adopted CRM"),
    "context_relaunch_hint": (
        "Vous avez un CRM, mais les équipes l'utilisent peu.",
        "You have a CRM, but the teams hardly use it.",
    ),
    "context_cloud_migration": ("Passer au SaaS", "Move to SaaS"),
    "context_cloud_migration_hint": (
        "Vous quittez un CRM installé sur vos serveurs pour une solution en ligne.",
        "You are leaving a CRM on your own servers for an online one.",
    ),
    "context_marketing_automation": ("Automatiser le marketing", "Marketing automation"),
    "context_marketing_automation_hint": (
        "Vous voulez surtout automatiser campagnes, scénarios et notation des pistes.",
        "Above all you want to automate campaigns, journeys and lead scoring.",
    ),
    # Step 2
    "users_intro": (
        "Combien de personnes utiliseront le CRM, par population ? Chaque population vit le "
        "CRM différemment.",
        "How many people will use the CRM, per population? Each population sees a CRM differently.",
    ),
    "users_legend": ("Utilisateurs par population", "Users per population"),
    "pop_sales_field": ("Commerciaux terrain", "Field sales"),
    "pop_sales_field_hint": (
        "En déplacement, souvent sur mobile.",
        "On the road, often on a phone.",
    ),
    "pop_sales_office": ("Commerciaux sédentaires", "Office sales"),
    "pop_sales_office_hint": (
        "Au bureau, au téléphone et par e-mail.",
        "In the office, on the phone and by e-mail.",
    ),
    "pop_marketing": ("Marketing", "Marketing"),
    "pop_marketing_hint": ("Campagnes, événements, contenus.", "Campaigns, events, content."),
    "pop_service": ("Service client (SAV, hotline)", "Customer service (help desk)"),
    "pop_service_hint": (
        "Demandes, réclamations, interventions.",
        "Requests, complaints, interventions.",
    ),
    "pop_management": ("Direction et encadrement", "Management"),
    "pop_management_hint": ("Suivi par tableaux de bord.", "Follow-up through dashboards."),
    "total": ("Total", "Total"),
    # Step 3
    "scope_intro": (
        "Quels domaines le CRM doit-il couvrir, et quelles fonctions sont indispensables ?",
        "Which areas must the CRM cover, and which features are must-haves?",
    ),
    "domains_legend": ("Domaines du projet", "Areas of the project"),
    "prio_must": ("Indispensable", "Essential"),
    "prio_should": ("Important", "Important"),
    "prio_could": ("Utile", "Nice to have"),
    "prio_none": ("Hors périmètre", "Out of scope"),
    "capabilities_legend": ("Fonctions indispensables", "Must-have features"),
    "capabilities_hint": (
        "Cochez seulement ce sans quoi le CRM ne vous conviendrait pas.",
        "Tick only what the CRM would be useless to you without.",
    ),
    "capabilities_platform": ("Pour tous les domaines", "For every area"),
    # Step 4
    "constraints_intro": (
        "Vos contraintes éliminent les solutions qui ne les respectent pas. Ne cochez rien si "
        "tout vous convient.",
        "Your constraints rule out the solutions that do not meet them. Tick nothing if "
        "anything suits you.",
    ),
    "hosting_legend": (
        "Où vos données peuvent-elles être hébergées ?",
        "Where may your data be hosted?",
    ),
    "hosting_hint": ("Aucune case cochée : n'importe où.", "No box ticked: anywhere."),
    "deployment_legend": ("Modes de déploiement acceptés", "Accepted ways to run the CRM"),
    "deployment_hint": ("Aucune case cochée : tous.", "No box ticked: any."),
    "dep_saas": (
        "SaaS : abonnement, hébergé par l'éditeur",
        "SaaS: subscription, hosted by the vendor",
    ),
    "dep_on_premise": (
        "Sur site : licence, sur vos serveurs",
        "On premise: licence, on your own servers",
    ),
    "dep_private_cloud": (
        "Cloud privé : installé pour vous chez un hébergeur",
        "Private cloud: installed for you at a hosting provider",
    ),
    "languages_hint": ("Aucune case cochée : pas d'exigence.", "No box ticked: no requirement."),
    "languages_legend": (
        "Langues dans lesquelles le CRM doit s'afficher",
        "Languages the CRM must be shown in",
    ),
    "budget_legend": ("Budget", "Budget"),
    "budget_hint": (
        "Tout compris sur la durée (abonnements ou licences, mise en place, formation). "
        "Laissez vide si vous ne savez pas encore.",
        "All-inclusive over the period (subscriptions or licences, set-up, training). Leave "
        "empty if you do not know yet.",
    ),
    "horizon_years": ("Sur combien d'années ?", "Over how many years?"),
    "budget_low": ("Budget bas", "Low budget"),
    "budget_high": ("Budget haut", "High budget"),
    "currency": ("Devise", "Currency"),
    # Step 5
    "priorities_intro": (
        "Qu'est-ce qui compte le plus pour vous ? Répondez avec des curseurs, ou par un court "
        "questionnaire qui compare les critères deux à deux.",
        "What matters most to you? Answer with sliders, or with a short questionnaire that "
        "compares the criteria two by two.",
    ),
    "mode_direct": ("Curseurs", "Sliders"),
    "mode_ahp": ("Comparaisons deux à deux", "Two-by-two comparisons"),
    "use_direct": ("Je préfère les curseurs", "I prefer sliders"),
    "use_ahp": ("Je préfère comparer deux à deux", "I prefer comparing two by two"),
    "sliders_legend": (
        "Importance de chaque critère, de 0 (sans importance) à 10 (primordial)",
        "Importance of each criterion, from 0 (does not matter) to 10 (crucial)",
    ),
    "slider_scale": ("0 : sans importance · 10 : primordial", "0: does not matter · 10: crucial"),
    "ahp_legend": ("Comparez les critères deux à deux", "Compare the criteria two by two"),
    "ahp_hint": (
        "Ces questions portent sur les {n} critères qui comptent le plus dans votre situation ; "
        "les curseurs permettent de les pondérer tous.",
        "These questions cover the {n} criteria that matter most in your situation; the "
        "sliders let you weigh all of them.",
    ),
    "pair_question": (
        "Entre « {a} » et « {b} », lequel compte le plus pour vous ?",
        "Between “{a}” and “{b}”, which matters more to you?",
    ),
    "choose": ("Choisissez…", "Choose…"),
    "scale_9": ("« {x} » compte infiniment plus", "“{x}” matters overwhelmingly more"),
    "scale_7": ("« {x} » compte beaucoup plus", "“{x}” matters much more"),
    "scale_5": ("« {x} » compte nettement plus", "“{x}” matters clearly more"),
    "scale_3": ("« {x} » compte un peu plus", "“{x}” matters slightly more"),
    "scale_1": ("Les deux comptent autant", "Both matter equally"),
    "word_9": ("compte infiniment plus que", "matters overwhelmingly more than"),
    "word_7": ("compte beaucoup plus que", "matters much more than"),
    "word_5": ("compte nettement plus que", "matters clearly more than"),
    "word_3": ("compte un peu plus que", "matters slightly more than"),
    "word_1": ("compte autant que", "matters as much as"),
    "relation": ("« {a} » {word} « {b} »", "“{a}” {word} “{b}”"),
    "ahp_consistent": (
        "Vos réponses sont cohérentes (ratio de cohérence {ratio}).",
        "Your answers are consistent (consistency ratio {ratio}).",
    ),
    "ahp_inconsistent": (
        "Certaines de vos réponses se contredisent (ratio de cohérence {ratio}, au-delà du "
        "seuil de 0,10). Revoyez les comparaisons signalées, ou gardez vos réponses telles "
        "quelles.",
        "Some of your answers contradict each other (consistency ratio {ratio}, above the 0.10 "
        "threshold). Revisit the comparisons marked, or keep your answers as they are.",
    ),
    "ahp_incomplete": (
        "Répondez à chaque comparaison pour voir si vos réponses sont cohérentes.",
        "Answer every comparison to see whether your answers are consistent.",
    ),
    "ahp_revisit": (
        "Vous avez répondu : {said}. Vos autres réponses suggèrent plutôt : {suggested}.",
        "You answered: {said}. Your other answers rather suggest: {suggested}.",
    ),
    "ahp_accept": ("Garder mes réponses telles quelles", "Keep my answers as they are"),
    # Done
    "title_done": ("Merci !", "Thank you!"),
    "done_intro": (
        "Vos réponses sont enregistrées : votre consultant les voit dès maintenant. Vous pouvez "
        "encore les modifier avec le même lien.",
        "Your answers are saved: your consultant sees them now. You can still change them with "
        "the same link.",
    ),
    "done_incomplete": (
        "Il reste des étapes à remplir : {steps}.",
        "Some steps are still to answer: {steps}.",
    ),
    "summary_title": ("Vos réponses", "Your answers"),
    "edit": ("Modifier", "Change"),
    "not_answered": ("pas encore répondu", "not answered yet"),
    "none_ticked": ("aucune", "none"),
    "anywhere": ("n'importe où", "anywhere"),
    "any_mode": ("tous", "any"),
    "no_budget": ("pas encore fixé", "not set yet"),
    "budget_range": ("{low} à {high} sur {years} ans", "{low} to {high} over {years} years"),
    "weights_title": ("Poids de vos priorités", "Weight of your priorities"),
    # Results
    "title_results": ("Comparaison des solutions", "Comparison of the solutions"),
    "results_not_shared": (
        "Votre consultant n'a pas encore partagé la comparaison. Il vous préviendra dès "
        "qu'elle sera prête.",
        "Your consultant has not shared the comparison yet, and will tell you when it is ready.",
    ),
    "results_none": (
        "Votre consultant n'a pas encore comparé les solutions. Revenez un peu plus tard.",
        "Your consultant has not compared the solutions yet. Please come back later.",
    ),
    "results_outdated": (
        "Votre consultant met à jour la comparaison des solutions. Revenez un peu plus tard.",
        "Your consultant is updating the comparison of the solutions. Please come back later.",
    ),
    "results_intro": (
        "Les {n} solutions retenues, comparées le {date} selon vos réponses.",
        "The {n} solutions shortlisted, compared on {date} from your answers.",
    ),
    "results_intro_of": (
        "Les {n} meilleures des {total} solutions comparées le {date} selon vos réponses.",
        "The best {n} of the {total} solutions compared on {date} from your answers.",
    ),
    "top_heading": ("Les solutions en tête", "The leading solutions"),
    "top_intro": (
        "Les chances tiennent compte de légères variations de vos priorités et de toutes les "
        "valeurs possibles des informations encore manquantes.",
        "The chances allow for slight shifts in your priorities and for every possible value "
        "of the information still missing.",
    ),
    "place_heading": ("{place}\u00a0: {name}", "{place}: {name}"),
    "p_first": ("{p} de chances d'arriver en tête", "{p} chance of ranking first"),
    "places_range": (
        "Selon les hypothèses, de la {best} à la {worst}\u00a0place.",
        "Depending on the assumptions, from {best} to {worst} place.",
    ),
    "places_same": ("{best} place dans tous les cas.", "{best} place in every case."),
    "holds": (
        "Ce classement tient dans {weights} des variations de poids et {facts} des "
        "hypothèses sur les informations manquantes.",
        "This ranking holds in {weights} of the weight variations and {facts} of the "
        "assumptions about the missing information.",
    ),
    "verdict_robust": (
        "Verdict solide\u00a0: il tient même si vos priorités bougent un peu ou si les "
        "informations manquantes se révèlent meilleures ou moins bonnes que prévu.",
        "A solid verdict: it holds even if your priorities shift a little or the missing "
        "information turns out better or worse than expected.",
    ),
    "verdict_depends_on_facts": (
        "Verdict encore fragile\u00a0: il dépend surtout d'informations à confirmer auprès des "
        "éditeurs.",
        "Not settled yet: it depends mostly on information still to be confirmed with the vendors.",
    ),
    "verdict_depends_on_weights": (
        "Verdict encore fragile\u00a0: il dépend surtout de l'importance donnée à chaque critère.",
        "Not settled yet: it depends mostly on how much each criterion matters.",
    ),
    "verdict_depends_on_both": (
        "Verdict encore fragile\u00a0: il dépend à la fois de vos priorités et d'informations à "
        "confirmer auprès des éditeurs.",
        "Not settled yet: it depends both on your priorities and on information still to be "
        "confirmed with the vendors.",
    ),
    "verdict_not_sampled": (
        "La solidité de ce classement n'a pas été mesurée.",
        "How firm this ranking is has not been measured.",
    ),
    "most_probable_one": (
        "Une fois les incertitudes prises en compte, c'est {names} qui arrive le plus souvent "
        "en tête.",
        "Once the uncertainties are allowed for, {names} comes first most often.",
    ),
    "most_probable_many": (
        "Une fois les incertitudes prises en compte, {names} arrivent aussi souvent en tête.",
        "Once the uncertainties are allowed for, {names} come first equally often.",
    ),
    "and": (" et ", " and "),
    "evidence": (
        "Informations connues\u00a0: {known} sur {total} utiles à votre projet.",
        "Facts known: {known} of the {total} your project needs.",
    ),
    "eliminated_tag": ("éliminée", "eliminated"),
    "eliminated_note": (
        "Éliminée\u00a0: ne respecte pas vos contraintes sur {what}. Montrée seulement pour "
        "comparaison.",
        "Eliminated: does not meet your constraints on {what}. Shown for comparison only.",
    ),
    "summary_heading": ("En résumé", "In short"),
    "table_heading": ("Critère par critère", "Criterion by criterion"),
    "table_caption": (
        "Valeur de chaque solution sur chaque critère, avec le poids du critère.",
        "Each solution's value on each criterion, with the criterion's weight.",
    ),
    "legend_heading": ("Comment lire les valeurs", "How to read the values"),
    "legend_known": (
        "Valeur sans mention\u00a0: connue, d'après les sources de votre consultant.",
        "A value with no mark is known, from your consultant's sources.",
    ),
    "legend_estimate": (
        "fourchette du cas le moins favorable au plus favorable, tant qu'une information manque.",
        "range from the least to the most favourable case, while some information is missing.",
    ),
    "legend_confirm": (
        "impossible à chiffrer pour l'instant\u00a0: votre consultant le fera confirmer.",
        "cannot be put in figures yet: your consultant will have it confirmed.",
    ),
    "tag_estimate": ("estimé", "estimated"),
    "tag_confirm": ("à confirmer", "to confirm"),
    "criterion": ("Critère", "Criterion"),
    "weight": ("Poids", "Weight"),
    "rank": ("Rang", "Rank"),
    "tco_total": ("Coût total sur {years} ans", "Total cost over {years} years"),
    "tco_year": ("Coût de l'année {n}", "Cost in year {n}"),
    "year_n": ("Année {n}", "Year {n}"),
    "budget_fit": ("Budget", "Budget"),
    "fit_within": ("dans le budget", "within budget"),
    "fit_below": ("sous le budget", "below budget"),
    "fit_above": ("au-dessus du budget", "above budget"),
    "fit_to_confirm": ("à confirmer", "to confirm"),
    "unknown": ("inconnu", "unknown"),
    "chart_scores_heading": ("Notes par critère", "Scores per criterion"),
    "chart_scores_desc": (
        "Notes sur 100\u00a0: couverture des besoins et conformité en pourcentage, notes sur 5 "
        "multipliées par 20. Le coût figure dans le graphique suivant. Les mêmes valeurs "
        "sont dans le tableau ci-dessus.",
        "Scores out of 100: fit with the needs and compliance as percentages, ratings out of "
        "5 multiplied by 20. Cost is in the next chart. The same values are in the table "
        "above.",
    ),
    "chart_tco_heading": ("Coût par année", "Cost per year"),
    "chart_tco_desc": (
        "Coût tout compris de chaque solution, année par année. Les mêmes valeurs sont dans "
        "le tableau ci-dessus.",
        "All-inclusive cost of each solution, year by year. The same values are in the "
        "table above.",
    ),
    "chart_key_known": ("valeur connue", "known value"),
    "chart_key_estimate": (
        "estimée\u00a0: barre claire jusqu'à la valeur attendue, trait sur la fourchette",
        "estimated: light bar to the expected value, line across the range",
    ),
    "score_out_of": ("{value} sur 100", "{value} out of 100"),
    "estimated": ("{value} (estimé)", "{value} (estimated)"),
    "to_confirm": ("{value} (à confirmer)", "{value} (to confirm)"),
    "left_out_heading": ("Critères écartés", "Criteria left out"),
    "left_out_intro": (
        "Ces critères ne départagent pas les solutions comparées\u00a0; leur poids a été réparti "
        "sur les autres critères.",
        "These criteria do not tell the compared solutions apart; their weight went to the "
        "other criteria.",
    ),
    "left_out_item": (
        "{criterion} ({share} de vos poids)\u00a0: {reason}.",
        "{criterion} ({share} of your weights): {reason}.",
    ),
    "left_same": (
        "toutes les solutions ont la même valeur connue",
        "every solution has the same known value",
    ),
    "left_no_bound": (
        "un prix inconnu ne peut pas encore être encadré",
        "an unknown price cannot be bounded yet",
    ),
    "left_no_facts": (
        "aucune information ne permet encore de départager les solutions",
        "no information tells the solutions apart yet",
    ),
    "questions_heading": ("Ce qui reste à confirmer", "What is still to be confirmed"),
    "questions_intro": (
        "Votre consultant vérifiera ces points avec chaque éditeur\u00a0; les premiers sont ceux "
        "qui pèsent le plus sur le classement.",
        "Your consultant will check these points with each vendor; the first ones weigh most "
        "on the ranking.",
    ),
    "ask_demo": ("à vérifier en démonstration", "to check in a demonstration"),
    "questions_none": (
        "Rien d'important à confirmer pour cette solution.",
        "Nothing important to confirm for this solution.",
    ),
    # Errors
    "title_not_found": ("Lien introuvable", "Link not found"),
    "not_found_text": (
        "Ce lien n'existe pas ou n'est plus valable : il a peut-être expiré ou été révoqué. "
        "Demandez un nouveau lien à votre consultant.",
        "This link does not exist or no longer works: it may have expired or been revoked. Ask "
        "your consultant for a new link.",
    ),
    "title_forbidden": ("Page expirée", "Page expired"),
    "forbidden_text": (
        "Pour votre sécurité, ce formulaire a expiré ou ne vient pas de cette page. Rien n'a "
        "été enregistré. Rechargez l'étape et envoyez-la de nouveau.",
        "For your security, this form has expired or did not come from this page. Nothing was "
        "saved. Reload the step and send it again.",
    ),
    "reload_step": ("Recharger l'étape", "Reload the step"),
    "title_conflict": ("Projet modifié entre-temps", "Project changed meanwhile"),
    "conflict_text": (
        "Votre consultant a modifié le projet pendant que vous répondiez. Rien n'a été perdu : "
        "envoyez de nouveau cette étape.",
        "Your consultant changed the project while you were answering. Nothing was lost: send "
        "this step again.",
    ),
    "title_too_many": ("Trop de demandes", "Too many requests"),
    "too_many_text": (
        "Trop de demandes sont arrivées de votre connexion en peu de temps. Patientez une "
        "minute, puis rechargez la page : vos réponses enregistrées sont conservées.",
        "Too many requests came from your connection in a short time. Wait a minute, then "
        "reload the page: the answers you saved are kept.",
    ),
    "title_unavailable": ("Service momentanément indisponible", "Service briefly unavailable"),
    "unavailable_text": (
        "Le service ne peut pas répondre pour le moment ; rien n'a été enregistré lors de cet "
        "envoi. Réessayez dans quelques instants : vos réponses déjà enregistrées sont "
        "conservées.",
        "The service cannot answer right now; nothing was saved by this submission. Try again "
        "in a few moments: the answers you saved before are kept.",
    ),
    "title_race": ("Modifié au même moment", "Changed at the same moment"),
    "race_text": (
        "Une autre modification est arrivée au même moment. Rechargez la page pour voir ce qui "
        "est enregistré, puis envoyez de nouveau si besoin.",
        "Another change arrived at the same moment. Reload the page to see what is saved, then "
        "send again if needed.",
    ),
    "title_refused": ("Demande refusée", "Request refused"),
    "refused_text": (
        "Cette demande ne peut pas être traitée telle quelle. Revenez à la page précédente et "
        "vérifiez ce que vous avez saisi.",
        "This request cannot be handled as it is. Go back to the previous page and check what "
        "you entered.",
    ),
    "title_internal": ("Une erreur est survenue", "Something went wrong"),
    "internal_text": (
        "Une erreur inattendue s'est produite ; elle a été enregistrée pour être corrigée. "
        "Réessayez plus tard ou prévenez votre consultant.",
        "An unexpected error occurred; it has been logged to be fixed. Try again later or let "
        "your consultant know.",
    ),
    "title_invalid_text": ("Caractère refusé", "Character refused"),
    "invalid_text_text": (
        "Le formulaire contient un caractère invisible (NUL) qui ne peut pas être enregistré, "
        "souvent venu d'un copier-coller. Rien n'a été enregistré : revenez en arrière, "
        "retapez le champ concerné et envoyez de nouveau.",
        "The form holds an invisible character (NUL) that cannot be stored, often from a copy "
        "and paste. Nothing was saved: go back, type the field again and send it again.",
    ),
    "err_required": ("Ce champ est obligatoire.", "This field is required."),
    "err_choose": ("Choisissez une des options proposées.", "Choose one of the options."),
    "err_too_long": ("{max} caractères au plus.", "{max} characters at most."),
    "err_whole": ("Saisissez un nombre entier, par exemple 12.", "Enter a whole number, e.g. 12."),
    "err_number": (
        "Saisissez un montant, par exemple 40000.",
        "Enter an amount, for example 40000.",
    ),
    "err_min": ("Au moins {min}.", "At least {min}."),
    "err_max": ("Au plus {max}.", "At most {max}."),
    "err_range": ("Entre {min} et {max}.", "Between {min} and {max}."),
    "err_no_users": ("Indiquez au moins un utilisateur.", "Enter at least one user."),
    "err_no_domain": (
        "Choisissez au moins un domaine qui n'est pas hors périmètre.",
        "Choose at least one area that is not out of scope.",
    ),
    "err_capability_out_of_scope": (
        "Ces fonctions relèvent d'un domaine hors périmètre : {names}. Décochez-les ou "
        "incluez leur domaine.",
        "These features belong to an area left out of scope: {names}. Untick them or include "
        "their area.",
    ),
    "err_budget_both": (
        "Indiquez le budget bas et le budget haut, ou aucun des deux.",
        "Give both the low and the high budget, or neither.",
    ),
    "err_budget_order": (
        "Le budget haut doit être au moins égal au budget bas.",
        "The high budget must be at least the low budget.",
    ),
    "err_all_zero": (
        "Donnez de l'importance à au moins un critère.",
        "Give at least one criterion some importance.",
    ),
    "err_pair": ("Répondez à cette comparaison.", "Answer this comparison."),
    "err_revisit": ("À revoir", "Worth revisiting"),
    "err_invalid": ("Cette valeur n'est pas valable.", "This value is not valid."),
    # Scoring the scripted demonstrations.
    "demo_title": ("Noter les démonstrations", "Score the demonstrations"),
    "demo_link": ("Noter les démonstrations", "Score the demonstrations"),
    "demo_intro": (
        "Votre consultant a fait présenter les solutions en présélection sur des scénarios "
        "écrits pour votre entreprise. Notez chaque solution, scénario par scénario, telle "
        "que vous l'avez vue. Un scénario que vous n'avez pas vu reste « non noté ».",
        "Your consultant had the shortlisted solutions demonstrated on scenarios written for "
        "your company. Score each solution, scenario by scenario, as you saw it. A scenario "
        'you did not see stays "not scored".',
    ),
    "demo_scale": (
        "1 : ne réussit pas le scénario ; 3 : le réussit avec effort ; 5 : le réussit "
        "facilement. Vos notes s'ajoutent à celles des autres évaluateurs : c'est la médiane "
        "qui compte.",
        "1: fails the scenario; 3: manages it with effort; 5: does it with ease. Your scores "
        "join the other evaluators': the median counts.",
    ),
    "demo_name": ("Votre nom et votre fonction", "Your name and role"),
    "demo_name_error": (
        "Indiquez votre nom : il accompagne vos notes.",
        "Give your name: it goes with your scores.",
    ),
    "demo_informs": ("Ce scénario éclaire : {criteria}", "This scenario informs: {criteria}"),
    "demo_score_of": ("Note de {product}", "Score of {product}"),
    "demo_not_scored": ("Non noté", "Not scored"),
    "demo_comment": ("Commentaire (facultatif)", "Comment (optional)"),
    "demo_score_error": ("Choisissez une note de 1 à 5.", "Choose a score from 1 to 5."),
    "demo_none_error": (
        "Donnez au moins une note.",
        "Give at least one score.",
    ),
    "demo_save": ("Enregistrer mes notes", "Save my scores"),
    "demo_back": ("Retour à l'accueil", "Back to the start page"),
    "demo_saved": (
        "Vos notes sont enregistrées. Vous pouvez les modifier et enregistrer à nouveau.",
        "Your scores are saved. You may change them and save again.",
    ),
    # The vendor questionnaire.
    "vendor_title": ("Questionnaire sur {product}", "Questionnaire about {product}"),
    "vendor_intro": (
        "Un cabinet de conseil compare {product} à d'autres solutions pour un client. Répondez "
        "aux questions que vous pouvez, édition par édition, avec si possible un lien vers la "
        "page qui le montre. Une question sans réponse reste sans réponse : rien n'est supposé.",
        "A consulting firm is comparing {product} with other solutions for a client. Answer the "
        "questions you can, edition by edition, with a link to the page that shows it where you "
        "can. A question left blank stays unanswered: nothing is assumed.",
    ),
    "vendor_until": (
        "Vos réponses sont enregistrées à chaque envoi ; le lien fonctionne jusqu'au {date} ou "
        "jusqu'à ce que vous le transmettiez.",
        "Your answers are saved each time you send the form; the link works until {date} or "
        "until you submit.",
    ),
    "vendor_saved": ("Vos réponses sont enregistrées.", "Your answers are saved."),
    "vendor_name": ("Votre nom et votre fonction", "Your name and role"),
    "vendor_name_error": (
        "Indiquez votre nom : il accompagne vos réponses.",
        "Give your name: it goes with your answers.",
    ),
    "vendor_unanswered": ("Sans réponse", "No answer"),
    "vendor_availability": ("Disponibilité", "Availability"),
    "availability_included": ("Inclus dans au moins une édition", "Included in an edition"),
    "availability_add_on": ("En option payante", "Paid add-on"),
    "availability_separate_product": ("Produit distinct", "Separate product"),
    "availability_not_available": ("Non disponible", "Not available"),
    "vendor_in_editions": ("Éditions qui l'incluent", "Editions that include it"),
    "vendor_on_request": (
        "Prix de l'édition {edition} uniquement sur devis",
        "{edition} edition priced on request only",
    ),
    "vendor_amount": ("Prix catalogue de l'édition {edition}", "{edition} edition list price"),
    "vendor_currency": ("Devise", "Currency"),
    "vendor_unit": ("Unité", "Unit"),
    "unit_user_month": ("par utilisateur et par mois", "per user and month"),
    "unit_user_year": ("par utilisateur et par an", "per user and year"),
    "unit_licence_one_off": ("licence par utilisateur, payée une fois", "licence per user, once"),
    "unit_flat_month": ("par mois, tous utilisateurs", "per month, all users"),
    "unit_flat_year": ("par an, tous utilisateurs", "per year, all users"),
    "vendor_billed": ("Facturation", "Billing"),
    "billed_monthly": ("mensuelle", "monthly"),
    "billed_quarterly": ("trimestrielle", "quarterly"),
    "billed_half_yearly": ("semestrielle", "half-yearly"),
    "billed_yearly": ("annuelle", "yearly"),
    "vendor_regions": ("Régions d'hébergement", "Hosting regions"),
    "vendor_countries": (
        "Pays des centres de données (codes ISO, par ex. FR, DE)",
        "Data-centre countries (ISO codes, e.g. FR, DE)",
    ),
    "vendor_certifications": ("Certifications détenues", "Certifications held"),
    "vendor_ui_languages": (
        "Langues de l'interface (codes ISO, par ex. fr, en)",
        "Interface languages (ISO codes, e.g. fr, en)",
    ),
    "vendor_yes_no": ("Réponse", "Answer"),
    "yes": ("Oui", "Yes"),
    "no": ("Non", "No"),
    "vendor_maintenance": (
        "Maintenance annuelle, en % du prix des licences",
        "Yearly maintenance, as a % of the licence price",
    ),
    "vendor_evidence": ("Lien vers une source (facultatif)", "Link to a source (optional)"),
    "vendor_comment": ("Commentaire (facultatif)", "Comment (optional)"),
    "vendor_save": ("Enregistrer", "Save"),
    "vendor_submit": ("Enregistrer et transmettre", "Save and submit"),
    "vendor_codes_error": (
        "Des codes de deux lettres, séparés par des virgules.",
        "Two-letter codes, separated by commas.",
    ),
    "vendor_yes_no_error": ("Oui ou non.", "Yes or no."),
    "vendor_url_error": (
        "Une adresse web commençant par https:// ou http://.",
        "A web address starting with https:// or http://.",
    ),
    "vendor_number_error": ("Un nombre, par exemple 18.", "A number, for example 18."),
    "vendor_price_error": (
        "Un montant, avec sa devise et son unité.",
        "An amount, with its currency and unit.",
    ),
    "vendor_value_error": ("Réponse refusée : {reason}", "Answer refused: {reason}"),
    "vendor_done_title": ("Merci", "Thank you"),
    "vendor_done_text": (
        "Vos réponses sont transmises au cabinet, qui les vérifiera. Le lien ne permet plus de "
        "les modifier.",
        "Your answers are with the firm, which will review them. The link no longer opens them.",
    ),
}


# Hosting places, UI languages and currencies a client is most likely to need, in their words;
# any other code of the vocabulary still shows, with its English name, when it is already set.
PLACES: Mapping[str, tuple[str, str]] = {
    "EU": ("Union européenne", "European Union"),
    "EEA": ("Espace économique européen", "European Economic Area"),
    "FR": ("France", "France"),
    "DE": ("Allemagne", "Germany"),
    "BE": ("Belgique", "Belgium"),
    "CH": ("Suisse", "Switzerland"),
    "GB": ("Royaume-Uni", "United Kingdom"),
    "CA": ("Canada", "Canada"),
    "US": ("États-Unis", "United States"),
}
LANGUAGE_NAMES: Mapping[str, tuple[str, str]] = {
    "fr": ("Français", "French"),
    "en": ("Anglais", "English"),
    "de": ("Allemand", "German"),
    "es": ("Espagnol", "Spanish"),
    "it": ("Italien", "Italian"),
    "nl": ("Néerlandais", "Dutch"),
    "pt": ("Portugais", "Portuguese"),
}
CURRENCY_NAMES: Mapping[str, tuple[str, str]] = {
    "EUR": ("Euro", "Euro"),
    "CHF": ("Franc suisse", "Swiss franc"),
    "GBP": ("Livre sterling", "Pound sterling"),
    "USD": ("Dollar américain", "US dollar"),
    "CAD": ("Dollar canadien", "Canadian dollar"),
}

_MONTHS: Mapping[Lang, tuple[str, ...]] = {
    "fr": (
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ),
}  # fmt: skip
_THOUSANDS: Mapping[Lang, str] = {"fr": "\u202f", "en": ","}
_DECIMAL: Mapping[Lang, str] = {"fr": ",", "en": "."}


@dataclass(frozen=True)
class Translator:
    """The messages, labels and number formats of one language."""

    lang: Lang

    def __call__(self, key: str, **values: object) -> str:
        """The message `key`, with `values` filled in."""
        fr, en = MESSAGES[key]
        text = fr if self.lang == "fr" else en
        return text.format(**values) if values else text

    def label(self, item: Bilingual) -> str:
        """A vocabulary item's label in this language."""
        return item.fr if self.lang == "fr" else item.en

    def pick(self, pair: tuple[str, str]) -> str:
        """The member of a (French, English) pair in this language."""
        return pair[0] if self.lang == "fr" else pair[1]

    def domain(self, domain: Domain | str) -> str:
        """A functional domain in plain words."""
        return self.label(DOMAIN_LABELS[Domain(domain)])

    def size(self, size: CompanySize | str) -> str:
        """A company size in plain words."""
        return self.label(COMPANY_SIZE_LABELS[CompanySize(size)])

    def criterion(self, key: str) -> str:
        """A criterion of the comparison in plain words."""
        info = CRITERIA[key]
        return info.label.fr if self.lang == "fr" else info.label.en

    def place(self, code: str) -> str:
        """A hosting region or country."""
        if code in PLACES:
            return self.pick(PLACES[code])
        return REGIONS.get(code) or COUNTRIES.get(code) or code

    def language(self, code: str) -> str:
        """A UI language."""
        if code in LANGUAGE_NAMES:
            return self.pick(LANGUAGE_NAMES[code])
        return LANGUAGES.get(code, code)

    def currency(self, code: str) -> str:
        """A currency, with its code."""
        name = self.pick(CURRENCY_NAMES[code]) if code in CURRENCY_NAMES else CURRENCIES[code]
        return f"{code} ({name})"

    def number(self, value: float, decimals: int = 0) -> str:
        """`value` with this language's digit grouping and decimal mark."""
        text = f"{value:,.{decimals}f}"
        return (
            text.replace(",", "\0")
            .replace(".", _DECIMAL[self.lang])
            .replace("\0", _THOUSANDS[self.lang])
        )

    def money(self, value: float, currency: str) -> str:
        """An amount in whole units of `currency`."""
        amount = self.number(value)
        return f"{amount}\u00a0{currency}" if self.lang == "fr" else f"{currency}\u00a0{amount}"

    def percent(self, share: float) -> str:
        """A share of 1 as a whole percentage."""
        return f"{self.number(share * 100)}\u00a0%" if self.lang == "fr" else f"{share:.0%}"

    def ordinal(self, rank: int) -> str:
        """A place in a ranking: 1re, 2e (French, for a solution); 1st, 2nd, 3rd, 11th."""
        if self.lang == "fr":
            return f"{rank}re" if rank == 1 else f"{rank}e"
        suffix = (
            "th" if rank % 100 in {11, 12, 13} else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
        )
        return f"{rank}{suffix}"

    def date(self, moment: datetime) -> str:
        """A day written out: 22 novembre 2026, 22 November 2026."""
        return f"{moment.day} {_MONTHS[self.lang][moment.month - 1]} {moment.year}"
