// The one way text from outside (the server's headers and status, URLs, the user's arguments, a
// pasted message) reaches a terminal: C0 controls, DEL and C1 controls written as \xNN, so no
// escape sequence can move the cursor, retitle the window or hide a line; a very long value cut,
// with its length. JSON output does not use it: JSON escapes controls itself and stays exact.

/** The longest piece of outside text printed whole. */
export const MAX_SHOWN = 1000

function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f)
}

/** `text` safe for a terminal: controls escaped, cut after `max` characters with a note. */
export function safe(text: string, max: number = MAX_SHOWN): string {
  const cut = text.length > max
  const shown = cut ? text.slice(0, max) : text
  let out = ''
  let start = 0
  for (let i = 0; i < shown.length; i++) {
    const code = shown.charCodeAt(i)
    if (!isControl(code)) continue
    out += `${shown.slice(start, i)}\\x${code.toString(16).padStart(2, '0')}`
    start = i + 1
  }
  out += shown.slice(start)
  return cut ? `${out}… (cut: ${text.length} characters)` : out
}
