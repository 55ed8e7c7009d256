// Jalon: focus the error summary when a form comes back with errors, so that it is announced (RGAA 11.10).
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("resume-erreurs");
  if (summary) summary.focus();
});
