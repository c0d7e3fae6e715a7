// @ts-check
// Query-string dates as Walmart documents them: yyyy-MM-dd or yyyy-MM-dd'T'HH:mm:ssZ.

const { invalidParam } = require('./errors');

/** @typedef {import('./errors').ApiSuffix} ApiSuffix */

const DAY_MS = 24 * 60 * 60 * 1000;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// A '+' in an offset that the client forgot to percent-encode arrives decoded as a space.
const DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?(Z|[+\- ]\d{2}:?\d{2})$/;

/**
 * @param {number} year
 * @param {number} month 1-12
 * @param {number} day
 */
function isRealDay(year, month, day) {
	if (month < 1 || month > 12 || day < 1) return false;
	return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * @param {string} value
 * @param {{ allowMilliseconds: boolean }} options
 * @returns {number | 'invalid' | 'milliseconds'} epoch ms, or why it was refused
 */
function parseDate(value, options) {
	const dateOnly = DATE_ONLY.exec(value);
	if (dateOnly) {
		const [year, month, day] = dateOnly.slice(1, 4).map(Number);
		return isRealDay(year, month, day) ? Date.UTC(year, month - 1, day) : 'invalid';
	}
	const dateTime = DATE_TIME.exec(value);
	if (!dateTime) return 'invalid';
	const [year, month, day, hour, minute, second] = dateTime.slice(1, 7).map(Number);
	if (!isRealDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return 'invalid';
	const fraction = dateTime[7];
	if (fraction !== undefined && !options.allowMilliseconds) return 'milliseconds';
	const millis = fraction === undefined ? 0 : Number(fraction.slice(1).padEnd(3, '0'));
	const zone = dateTime[8];
	let offsetMinutes = 0;
	if (zone !== 'Z') {
		const sign = zone[0] === '-' ? -1 : 1;
		const digits = zone.slice(1).replace(':', '');
		const offsetHours = Number(digits.slice(0, 2));
		const offsetMins = Number(digits.slice(2, 4));
		if (offsetHours > 23 || offsetMins > 59) return 'invalid';
		offsetMinutes = sign * (offsetHours * 60 + offsetMins);
	}
	return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60 * 1000;
}

/**
 * Reads an optional date query parameter, answering Walmart's 400 for a bad value.
 * @param {URLSearchParams} query
 * @param {string} name
 * @param {{ api: ApiSuffix, allowMilliseconds: boolean }} options
 * @returns {number | undefined}
 */
function readDateParam(query, name, options) {
	const value = query.get(name);
	if (value === null || value.trim() === '') return undefined;
	const parsed = parseDate(value.trim(), options);
	if (parsed === 'milliseconds') {
		throw invalidParam(
			options.api,
			name,
			`Invalid Date format value '${value}' for ${name}: milliseconds are not accepted. Use yyyy-MM-dd or yyyy-MM-ddTHH:mm:ssZ.`,
		);
	}
	if (parsed === 'invalid') {
		throw invalidParam(
			options.api,
			name,
			`Invalid Date format value '${value}' for ${name}. Use yyyy-MM-dd or yyyy-MM-ddTHH:mm:ssZ.`,
		);
	}
	return parsed;
}

/** @param {number} epochMs */
function floorToSecond(epochMs) {
	return Math.floor(epochMs / 1000) * 1000;
}

/** @param {number} epochMs */
function isoWithMillis(epochMs) {
	return new Date(epochMs).toISOString();
}

module.exports = { DAY_MS, readDateParam, isoWithMillis, floorToSecond };
