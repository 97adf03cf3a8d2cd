/* Profile editor: search-as-you-type pickers over the vocabularies (tom-select on the
   server-rendered <select data-picker>), and "add a row" for the formsets.
   Without JavaScript the selects and the one blank row still work. */
(function () {
  "use strict";

  function noResultsText() {
    var editor = document.querySelector("[data-no-results]");
    return editor ? editor.getAttribute("data-no-results") : "";
  }

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  function enhance(root) {
    if (!window.TomSelect) { return; }
    root.querySelectorAll("select[data-picker]").forEach(function (select) {
      if (select.tomselect) { return; }
      var multiple = select.multiple;
      var options = {
        plugins: multiple ? ["remove_button"] : [],
        create: false,
        maxOptions: null,
        allowEmptyOption: !multiple,
        closeAfterSelect: !multiple,
        // The options are local and few: filter on every keystroke. With tom-select's default 300 ms throttle,
        // an option picked before the filtered list came back was followed by that list reopening the dropdown.
        refreshThrottle: 0,
        render: {
          no_results: function () { return '<div class="no-results">' + escapeHtml(noResultsText()) + "</div>"; }
        }
      };
      if (multiple) {
        // Clear the search after each pick so that the next one starts afresh.
        options.onItemAdd = function () { this.setTextboxValue(""); this.refreshOptions(); };
      }
      var picker = new window.TomSelect(select, options);
      // Help text and errors stay linked to the field the user actually types in.
      ["aria-describedby", "aria-invalid"].forEach(function (name) {
        if (select.hasAttribute(name)) { picker.control_input.setAttribute(name, select.getAttribute(name)); }
      });
      // The label now names tom-select's own input; the original select stays in the form, out of the
      // focus order and out of the accessibility tree, so that it is not announced as an unnamed field.
      select.setAttribute("aria-hidden", "true");
      select.removeAttribute("title");
    });
  }

  function addRow(button) {
    var prefix = button.getAttribute("data-formset-add");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var template = document.getElementById(prefix + "-empty");
    var list = document.getElementById(prefix + "-forms");
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__num__/g, String(index + 1));
    list.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var row = list.lastElementChild;
    enhance(row);
    // Focus goes to the new row itself, which announces its legend ("Expérience 2"); the next Tab enters its
    // first field. Focusing a picker would open its dropdown over the page without the user asking.
    row.setAttribute("tabindex", "-1");
    row.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    enhance(document);
    document.querySelectorAll("[data-formset-add]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { addRow(button); });
    });
  });
})();
