// @ts-check
// Query parameter readers that answer Walmart's 400 INVALID_REQUEST_PARAM for bad values.

const { invalidParam } = require('./errors');

/** @typedef {import('./errors').ApiSuffix} ApiSuffix */

/**
 * @param {URLSearchParams} query
 * @param {string} name
 * @returns {string | undefined} the value, or undefined when absent or blank
 */
function readString(query, name) {
	const value = query.get(name);
	if (value === null || value.trim() === '') return undefined;
	return value.trim();
}

/**
 * @param {URLSearchParams} query
 * @param {ApiSuffix} api
 * @param {number} defaultLimit
 */
function readLimit(query, api, defaultLimit) {
	const raw = readString(query, 'limit');
	if (raw === undefined) return defaultLimit;
	const limit = /^\d+$/.test(raw) ? Number(raw) : NaN;
	if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
		throw invalidParam(
			api,
			'limit',
			`Invalid value '${raw}' for query parameter limit. Use a whole number from 1 to 200.`,
		);
	}
	return limit;
}

/**
 * @param {URLSearchParams} query
 * @param {string} name
 * @param {ApiSuffix} api
 */
function readNonNegativeInteger(query, name, api) {
	const raw = readString(query, name);
	if (raw === undefined) return 0;
	if (!/^\d+$/.test(raw)) {
		throw invalidParam(
			api,
			name,
			`Invalid value '${raw}' for query parameter ${name}. Use a whole number of 0 or more.`,
		);
	}
	return Number(raw);
}

/**
 * @param {URLSearchParams} query
 * @param {string} name
 * @param {ApiSuffix} api
 */
function readBoolean(query, name, api) {
	const raw = readString(query, name);
	if (raw === undefined) return false;
	const lower = raw.toLowerCase();
	if (lower !== 'true' && lower !== 'false') {
		throw invalidParam(
			api,
			name,
			`Invalid value '${raw}' for query parameter ${name}. Use true or false.`,
		);
	}
	return lower === 'true';
}

/**
 * Enum values are case-sensitive, as Walmart lists them.
 * @template {string} T
 * @param {URLSearchParams} query
 * @param {string} name
 * @param {readonly T[]} allowed
 * @param {ApiSuffix} api
 * @returns {T | undefined}
 */
function readEnum(query, name, allowed, api) {
	const raw = readString(query, name);
	if (raw === undefined) return undefined;
	const value = allowed.find((candidate) => candidate === raw);
	if (value === undefined) {
		throw invalidParam(
			api,
			name,
			`Invalid value '${raw}' for query parameter ${name}. Allowed values: ${allowed.join(', ')}.`,
		);
	}
	return value;
}

/**
 * Percent-encodes a cursor value but keeps ':' readable, as Walmart's own cursors show
 * timestamps like createdEndDate=2019-09-17T18:47:03.703Z.
 * @param {string} value
 */
function encodeCursorValue(value) {
	return encodeURIComponent(value).replace(/%3A/gi, ':');
}

/** @param {[string, string][]} pairs */
function toQueryString(pairs) {
	return '?' + pairs.map(([name, value]) => `${name}=${encodeCursorValue(value)}`).join('&');
}

module.exports = {
	readString,
	readLimit,
	readNonNegativeInteger,
	readBoolean,
	readEnum,
	toQueryString,
};
