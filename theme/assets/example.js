// The example's own fix to Material (a site's choice, not the plugin's): the search overlay is a dialog without
// a name; screen readers announce it by its search field's label.
(function () {
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    var field = dialog && dialog.querySelector("input[aria-label]");
    if (dialog && field && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", field.getAttribute("aria-label"));
    }
  }
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(nameSearchDialog);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", nameSearchDialog);
  } else {
    nameSearchDialog();
  }
})();
