// Citation buttons. data-copy="ID" copies the text of element ID;
// data-download="ID" with data-name saves it as a file. Without JavaScript
// the buttons stay hidden, and the text can be selected.
document.querySelectorAll("button[data-copy]").forEach((button) => {
  const source = document.getElementById(button.dataset.copy);
  if (!source || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(source.textContent);
      button.textContent = "Copied";
    } catch {
      button.textContent = "Select the text to copy it";
    }
  });
});
document.querySelectorAll("button[data-download]").forEach((button) => {
  const source = document.getElementById(button.dataset.download);
  if (!source) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([source.textContent], { type: "application/x-bibtex" }));
    link.download = button.dataset.name;
    link.click();
    URL.revokeObjectURL(link.href);
  });
});
