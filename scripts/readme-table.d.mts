/** Types of scripts/readme-table.mjs (the README's bench table, written from bench/results.json). */
export function renderTable(results: unknown): string;
export function rewrite(readme: string, table: string): string;
