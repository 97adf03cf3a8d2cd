// Client pages: small progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
  // Weight sliders: show the value next to each slider, reset to the defaults.
  document.querySelectorAll("output[data-output-for]").forEach((output) => {
    const input = document.getElementById(output.dataset.outputFor);
    if (!input) return;
    input.addEventListener("input", () => { output.textContent = input.value; });
  });
  const reset = document.querySelector("[data-reset-weights]");
  if (reset) {
    reset.addEventListener("click", () => {
      document.querySelectorAll("input[type=range][data-default]").forEach((input) => {
        input.value = input.dataset.default;
        input.dispatchEvent(new Event("input"));
      });
    });
  }
  // Formsets: add a row from the empty form's template.
  document.querySelectorAll("[data-add-row]").forEach((button) => {
    const prefix = button.dataset.addRow;
    const template = document.querySelector(`template[data-empty-form="${prefix}"]`);
    const rows = document.querySelector(`[data-formset="${prefix}"]`);
    const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
    if (!template || !rows || !total) return;
    button.addEventListener("click", () => {
      const index = Number(total.value);
      const html = template.innerHTML.replace(/__prefix__/g, String(index));
      rows.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
    });
  });
  // Comparison: at most four candidates.
  const boxes = Array.from(document.querySelectorAll("input[data-compare]"));
  const limit = () => {
    const checked = boxes.filter((b) => b.checked).length;
    boxes.forEach((b) => { b.disabled = !b.checked && checked >= 4; });
  };
  boxes.forEach((b) => b.addEventListener("change", limit));
});
