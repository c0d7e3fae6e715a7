// @ts-check
// Small helpers shared by the request handlers.

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isRecord(value) {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Money is compared in integer cents so that 0.1 + 0.2 never decides a refund limit.
 * @param {number} amount
 */
function toCents(amount) {
	return Math.round(amount * 100);
}

/** @param {number} cents */
function fromCents(cents) {
	return cents / 100;
}

/**
 * @param {number} cents an integer
 * @returns {string} e.g. "-12.05"
 */
function formatCents(cents) {
	const sign = cents < 0 ? '-' : '';
	const absolute = Math.abs(cents);
	return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

/**
 * Deep copy for values handed out of the store, so callers cannot mutate emulator state. The
 * store holds plain JSON data, and a JSON round trip copies it faster than structuredClone.
 * @template T
 * @param {T} value
 * @returns {T}
 */
function clone(value) {
	return JSON.parse(JSON.stringify(value));
}

module.exports = { isRecord, toCents, fromCents, formatCents, clone };
