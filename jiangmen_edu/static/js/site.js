// What inline handlers used to do, which the Content-Security-Policy forbids
// (docs/deployment.md#csp): a <select data-autosubmit> submits its form when it changes, and a
// <form data-confirm="question"> asks the question before it is sent.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.form && field.hasAttribute("data-autosubmit")) field.form.submit();
  });
  document.addEventListener("submit", function (event) {
    var question = event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  });
})();
