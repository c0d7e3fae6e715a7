// @ts-check
// Body validation that answers 400 INVALID_REQUEST_CONTENT naming the exact field path, so a
// user can see which part of their request Walmart refused.

const { invalidContent } = require('./errors');
const { isRecord } = require('./util');

/** @typedef {import('./errors').ApiSuffix} ApiSuffix */

/**
 * @param {ApiSuffix} api
 * @param {unknown} value
 * @param {string} field
 * @returns {Record<string, unknown>}
 */
function requireObject(api, value, field) {
	if (!isRecord(value))
		throw invalidContent(api, field, `${field} is required and must be an object.`);
	return value;
}

/**
 * @param {ApiSuffix} api
 * @param {unknown} value
 * @param {string} field
 * @returns {unknown[]}
 */
function requireNonEmptyArray(api, value, field) {
	if (!Array.isArray(value) || value.length === 0) {
		throw invalidContent(api, field, `${field} is required and must be a non-empty array.`);
	}
	return value;
}

/**
 * @param {ApiSuffix} api
 * @param {unknown} value
 * @param {string} field
 * @returns {string}
 */
function requireString(api, value, field) {
	if (typeof value !== 'string' || value.trim() === '') {
		throw invalidContent(api, field, `${field} is required and must be a non-empty string.`);
	}
	return value;
}

/**
 * Line numbers are strings in the spec; a JSON number is accepted too, as Walmart's Java
 * deserialiser would coerce it.
 * @param {ApiSuffix} api
 * @param {unknown} value
 * @param {string} field
 * @returns {string}
 */
function requireLineNumber(api, value, field) {
	if (typeof value === 'number' && Number.isInteger(value) && value > 0) return String(value);
	if (typeof value === 'string' && /^[1-9]\d*$/.test(value.trim())) return value.trim();
	throw invalidContent(
		api,
		field,
		`${field} is required and must be a line number such as "1" (got ${JSON.stringify(value)}).`,
	);
}

/**
 * @template {string} T
 * @param {ApiSuffix} api
 * @param {unknown} value
 * @param {string} field
 * @param {readonly T[]} allowed
 * @returns {T}
 */
function requireOneOf(api, value, field, allowed) {
	const match = allowed.find((candidate) => candidate === value);
	if (match === undefined) {
		throw invalidContent(
			api,
			field,
			`Invalid ${field} ${JSON.stringify(value)}. Allowed values: ${allowed.join(', ')}.`,
		);
	}
	return match;
}

module.exports = {
	requireObject,
	requireNonEmptyArray,
	requireString,
	requireLineNumber,
	requireOneOf,
};
