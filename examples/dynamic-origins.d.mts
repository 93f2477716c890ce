import type { Server } from 'node:http'
import type { CorsOptions } from 'corsica'

export declare function addTenant(origin: string): void
export declare function reload(options: CorsOptions): void
export declare const server: Server
