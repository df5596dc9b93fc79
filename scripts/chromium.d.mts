import type { BrowserContext, Page } from 'playwright-core';

export const CHROMIUM: string;
export const BUILD_DIR: string;
export function assertPrerequisites(): void;
export function chromiumArgs(options?: { resolverRules?: string; extensions?: string[] }): string[];
export function extensionIdOf(context: BrowserContext): Promise<string>;
export function welcomePage(context: BrowserContext, extensionId: string, timeoutMs?: number): Promise<Page>;
