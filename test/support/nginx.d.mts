// Types of nginx.mjs for the TypeScript tests that start nginx (test/cli/servers/nginx.ts).
import type { ChildProcess } from 'node:child_process'

export const NGINX: string
export function nginxMissing(): string | undefined
export function nginxConfig(dir: string, http: string): string
export function spawnNginx(dir: string, config: string): { child: ChildProcess; stderr(): string }
export function nginxFailure(dir: string, stderr: string): Error
