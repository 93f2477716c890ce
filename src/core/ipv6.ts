// IPv6 addresses as the URL parser writes them (WHATWG URL, "IPv6 serializer"): lowercase hex
// without leading zeros, the first longest run of two or more zero pieces as `::`, no dotted IPv4.
const PIECES = 8
const HEX = 16
const PIECE = /^[\da-f]{1,4}$/

/**
 * Whether `text` (between the brackets) is an address in that form: parsed into its pieces,
 * serialized again and compared. Allocates, but only for IPv6 origins.
 */
export function isCanonicalIpv6(text: string): boolean {
  const pieces = parsePieces(text)
  return pieces !== undefined && serialize(pieces) === text
}

/** The 8 pieces, `::` filled with zeros; undefined when a piece is not 1 to 4 hex digits or there are over 8. */
function parsePieces(text: string): number[] | undefined {
  const halves = text.split('::')
  const head = readHalf(halves[0] ?? '')
  const tail = readHalf(halves[1] ?? '')
  if (head === undefined || tail === undefined) return undefined
  // The zero pieces `::` stands for. A wrong count (8 pieces and `::`, fewer without it, a second
  // `::`) still gives 8 pieces, which serialize to other text: isCanonicalIpv6 refuses it.
  const gap = PIECES - head.length - tail.length
  return gap >= 0 ? [...head, ...Array<number>(gap).fill(0), ...tail] : undefined
}

/** Colon-separated pieces of 1 to 4 hex digits; undefined when one is not. */
function readHalf(half: string): number[] | undefined {
  if (half === '') return []
  const pieces: number[] = []
  for (const piece of half.split(':')) {
    if (!PIECE.test(piece)) return undefined
    pieces.push(Number.parseInt(piece, HEX))
  }
  return pieces
}

function serialize(pieces: readonly number[]): string {
  const hex = pieces.map((piece) => piece.toString(HEX))
  const run = longestZeroRun(pieces)
  if (run === undefined) return hex.join(':')
  return `${hex.slice(0, run.start).join(':')}::${hex.slice(run.start + run.length).join(':')}`
}

/** The first longest run of at least two zero pieces: the one written `::`. */
function longestZeroRun(pieces: readonly number[]): { start: number; length: number } | undefined {
  let best: { start: number; length: number } | undefined
  let length = 0
  for (const [index, piece] of pieces.entries()) {
    length = piece === 0 ? length + 1 : 0
    if (length >= 2 && length > (best?.length ?? 0)) best = { start: index - length + 1, length }
  }
  return best
}
