// `corsica explain`: a pasted console message read by the model's explain(); when it is not one
// the model knows, what to paste instead.
import { explain, type Explanation } from '../model/index.js'

/** Printed when the pasted text is not a message the model knows; the examples are one line each. */
export const NOT_RECOGNISED = [
  'corsica does not recognise this as a CORS console message.',
  "Paste the whole error line from the browser's console, for example:",
  "  Access to fetch at 'https://api.example/items' from origin 'https://app.example' has been blocked by " +
    'CORS policy: …   (Chrome, Edge)',
  '  Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ' +
    'https://api.example/items. (Reason: …)   (Firefox)',
  '  Origin https://app.example is not allowed by Access-Control-Allow-Origin. Status code: 200   (Safari)',
  '',
].join('\n')

export function runExplain(message: string): Explanation | undefined {
  const text = message.trim()
  return text === '' ? undefined : explain(text)
}
