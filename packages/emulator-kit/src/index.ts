export { readBody, escapeHtml, listen, closeServer } from './http.js';
export { textPdf } from './text-pdf.js';
