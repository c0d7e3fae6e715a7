// @ts-check
// Checks Walmart's API gateway performs before a request reaches the orders or returns service.

const { missingHeaders, invalidHeader } = require('./errors');

/** @typedef {import('node:http').IncomingHttpHeaders} IncomingHttpHeaders */
/** @typedef {'us' | 'ca' | 'mx' | 'cl'} Market */

const MARKETS = /** @type {const} */ (['us', 'ca', 'mx', 'cl']);

/**
 * Node lowercases incoming header names, so `WM_SVC.NAME` arrives as `wm_svc.name`.
 * @param {IncomingHttpHeaders} headers
 * @param {string} name
 * @returns {string | undefined} the trimmed value, or undefined when absent or blank
 */
function readHeader(headers, name) {
	const raw = headers[name.toLowerCase()];
	const value = Array.isArray(raw) ? raw[0] : raw;
	if (value === undefined) return undefined;
	const trimmed = value.trim();
	return trimmed === '' ? undefined : trimmed;
}

/**
 * Every call, including POST /v3/token, needs these two headers.
 * @param {IncomingHttpHeaders} headers
 */
function requireServiceHeaders(headers) {
	const missing = ['WM_QOS.CORRELATION_ID', 'WM_SVC.NAME'].filter(
		(name) => readHeader(headers, name) === undefined,
	);
	if (missing.length > 0) throw missingHeaders(missing);
}

/**
 * WM_MARKET is optional (US by default). Choosing a market opts into the Global Marketplace API,
 * which requires WM_GLOBAL_VERSION: 3.1.
 * @param {IncomingHttpHeaders} headers
 * @returns {Market}
 */
function resolveMarket(headers) {
	const requested = readHeader(headers, 'WM_MARKET');
	if (requested === undefined) return 'us';
	const market = MARKETS.find((candidate) => candidate === requested.toLowerCase());
	if (market === undefined) {
		throw invalidHeader(
			'WM_MARKET',
			`Invalid WM_MARKET '${requested}'. Allowed values: ${MARKETS.join(', ')}.`,
		);
	}
	const version = readHeader(headers, 'WM_GLOBAL_VERSION');
	if (version === undefined) {
		throw missingHeaders(['WM_GLOBAL_VERSION']);
	}
	if (version !== '3.1') {
		throw invalidHeader(
			'WM_GLOBAL_VERSION',
			`Invalid WM_GLOBAL_VERSION '${version}'. Requests with WM_MARKET must send WM_GLOBAL_VERSION: 3.1.`,
		);
	}
	return market;
}

module.exports = { readHeader, requireServiceHeaders, resolveMarket };
