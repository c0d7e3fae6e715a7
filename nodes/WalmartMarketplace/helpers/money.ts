/**
 * Money in integer cents. Walmart sends and takes amounts as JSON numbers with cents (19.99);
 * adding or comparing those as floating point drifts (0.1 + 0.2), so every sum, ceiling and
 * comparison in this package is done on whole cents and converted back only at the edges.
 */

/** Walmart's number (19.99, -5, "12.5") as whole cents; anything unreadable counts as 0. */
export function toCents(amount: unknown): number {
	const value = typeof amount === 'string' ? Number(amount) : amount;
	if (typeof value !== 'number' || !Number.isFinite(value)) return 0;
	return Math.round(value * 100);
}

/** Cents as the JSON number Walmart expects: 1250 → 12.5. */
export function fromCents(cents: number): number {
	return cents / 100;
}

/** Cents for people: 1250 → "12.50", -5 → "-0.05". */
export function formatCents(cents: number): string {
	const sign = cents < 0 ? '-' : '';
	const absolute = Math.abs(cents);
	return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}
