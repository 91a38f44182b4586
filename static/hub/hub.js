// Locality Hub's page behaviour. No inline script anywhere (the Content
// Security Policy forbids it): markup asks for behaviour with data- attributes.
// Listeners sit on the document, so they survive Turbo's page swaps.
document.addEventListener("change", (event) => {
  // <select data-autosubmit>: choosing a value submits its form.
  const field = event.target.closest("[data-autosubmit]");
  if (field && field.form) field.form.requestSubmit();
});
