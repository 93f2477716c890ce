// Types of system.mjs for the TypeScript tests that launch a browser themselves.
export const CHROMIUM: string
export const CHROMIUM_ARGS: string[]
export function skipOrFail(suite: string, requireVariable: string, reason: string): never
export const FIREFOX: string
export const WEBKIT_DRIVER: string
export const MINIBROWSER: string
export const XVFB: string
