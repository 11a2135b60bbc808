// Host code of the strict-CSP example: sets a structured property and listens to events.
const calc = document.getElementById("calc");
await customElements.whenDefined("yj-penalty-calculator");
calc.value = { rule: "dal-141-1" };
calc.addEventListener("yj-change", (e) => {
  document.getElementById("suggested").textContent = e.detail.assessment?.fine_suggested ?? "—";
});
