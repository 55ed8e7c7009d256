// Jalon: small progressive enhancements; every rule is also checked by the server.
(function () {
  "use strict";

  // Focus the error summary when a form comes back with errors, so that it is announced (RGAA 11.10).
  function focusSummary() {
    var summary = document.getElementById("resume-erreurs");
    if (summary) summary.focus();
  }

  // The exchange format's rules, applied as the user types (same French messages as the server).
  var FIN_AVANT_DEBUT = "La date de fin doit être égale ou postérieure à la date de début.";
  var DIAGNOSTIC_SANS_ENTRETIEN = "Le diagnostic approfondi ne peut être coché que pour un entretien individuel : choisissez le mode « Entretien individuel » ou décochez le diagnostic.";
  var MOTIF_SANS_FIN = "Un motif de fin ne peut être saisi qu'avec une date de fin : saisissez la date de fin ou retirez le motif.";

  function setLiveError(fieldId, message) {
    var field = document.getElementById(fieldId);
    var group = document.getElementById(fieldId + "-group");
    var messages = document.getElementById(fieldId + "-messages");
    if (!field || !group || !messages) return;
    var live = messages.querySelector("[data-jalon-live]");
    var kind = group.classList.contains("fr-select-group") ? "select" : group.classList.contains("fr-checkbox-group") ? "checkbox" : "input";
    if (message) {
      if (!live) {
        live = document.createElement("p");
        live.className = "fr-message fr-message--error";
        live.setAttribute("data-jalon-live", "");
        messages.appendChild(live);
      }
      live.textContent = message;
      group.classList.add("fr-" + kind + "-group--error");
      if (kind !== "checkbox") field.classList.add("fr-" + kind + "--error");
      field.setAttribute("aria-invalid", "true");
    } else if (live) {
      live.remove();
      if (!messages.querySelector(".fr-message--error")) {
        group.classList.remove("fr-" + kind + "-group--error");
        field.classList.remove("fr-" + kind + "--error");
        field.removeAttribute("aria-invalid");
      }
    }
  }

  function value(id) {
    var el = document.getElementById(id);
    return el ? el.value : null;
  }

  function checkRules() {
    var debut = value("Input_Debut"), fin = value("Input_Fin");
    if (debut !== null && fin !== null) setLiveError("Input_Fin", debut && fin && fin < debut ? FIN_AVANT_DEBUT : null);
    var diagnostic = document.getElementById("Input_Diagnostic");
    if (diagnostic && value("Input_Mode") !== null)
      setLiveError("Input_Diagnostic", diagnostic.checked && value("Input_Mode") !== "Entretien" ? DIAGNOSTIC_SANS_ENTRETIEN : null);
    var motif = value("Input_MotifFin");
    if (motif !== null && fin !== null) setLiveError("Input_MotifFin", motif && !fin ? MOTIF_SANS_FIN : null);
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusSummary();
    var form = document.querySelector("form[data-jalon-regles]");
    if (form) {
      form.addEventListener("input", checkRules);
      form.addEventListener("change", checkRules);
    }
  });
})();
