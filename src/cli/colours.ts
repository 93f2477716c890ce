// Colours only where a person reads the output: on a terminal, never when NO_COLOR is set to
// anything but the empty string (https://no-color.org), never on a TERM=dumb terminal.

export interface Palette {
  readonly red: (text: string) => string
  readonly green: (text: string) => string
  readonly yellow: (text: string) => string
  readonly bold: (text: string) => string
  readonly dim: (text: string) => string
}

export function useColour(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  const noColor = env.NO_COLOR
  return isTTY && (noColor === undefined || noColor === '') && env.TERM !== 'dumb'
}

function sgr(open: number, close: number): (text: string) => string {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`
}

const plain = (text: string): string => text

export function palette(enabled: boolean): Palette {
  if (!enabled) return { red: plain, green: plain, yellow: plain, bold: plain, dim: plain }
  return { red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), bold: sgr(1, 22), dim: sgr(2, 22) }
}
