// Text made safe to place in HTML, as element content or as a quoted attribute value.
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
