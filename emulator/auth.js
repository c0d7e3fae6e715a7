// @ts-check
// OAuth client-credentials flow (POST /v3/token) and the access-token check on business calls.

const crypto = require('node:crypto');
const { readHeader, requireServiceHeaders } = require('./gateway');
const { unauthorized, unsupportedMediaType, invalidParam } = require('./errors');

/** @typedef {import('./types').ApiRequest} ApiRequest */
/** @typedef {import('./types').Reply} Reply */

const EXPIRED_TOKEN_MEMORY_MS = 60 * 60 * 1000;

class TokenStore {
	/** @param {number} lifetimeSeconds */
	constructor(lifetimeSeconds) {
		this.lifetimeSeconds = lifetimeSeconds;
		/** @type {Map<string, number>} access token → expiry (epoch ms, real clock) */
		this.expiryByToken = new Map();
	}

	/** @returns {{ accessToken: string, expiresIn: number }} */
	issue() {
		this.forgetLongExpired();
		const accessToken = crypto.randomBytes(48).toString('base64url');
		this.expiryByToken.set(accessToken, Date.now() + this.lifetimeSeconds * 1000);
		return { accessToken, expiresIn: this.lifetimeSeconds };
	}

	/**
	 * @param {string} token
	 * @returns {'valid' | 'expired' | 'unknown'}
	 */
	status(token) {
		const expiresAt = this.expiryByToken.get(token);
		if (expiresAt === undefined) return 'unknown';
		return Date.now() < expiresAt ? 'valid' : 'expired';
	}

	/** @param {string} token */
	expire(token) {
		if (this.expiryByToken.has(token)) this.expiryByToken.set(token, Date.now() - 1);
	}

	expireAll() {
		for (const token of this.expiryByToken.keys()) this.expire(token);
	}

	clear() {
		this.expiryByToken.clear();
	}

	// Expired tokens are remembered for a while so a client gets "expired" rather than "unknown",
	// which is the hint it needs to fetch a new one.
	forgetLongExpired() {
		const cutoff = Date.now() - EXPIRED_TOKEN_MEMORY_MS;
		for (const [token, expiresAt] of this.expiryByToken) {
			if (expiresAt < cutoff) this.expiryByToken.delete(token);
		}
	}
}

/**
 * @param {string | undefined} authorization
 * @returns {{ clientId: string, clientSecret: string } | undefined}
 */
function parseBasicCredentials(authorization) {
	if (authorization === undefined) return undefined;
	const match = /^Basic\s+([A-Za-z0-9+/=_-]+)$/i.exec(authorization);
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const separator = decoded.indexOf(':');
	if (separator < 0) return undefined;
	return { clientId: decoded.slice(0, separator), clientSecret: decoded.slice(separator + 1) };
}

/**
 * Constant-time comparison so the emulator does not teach clients timing tricks.
 * @param {string} actual
 * @param {string} expected
 */
function sameSecret(actual, expected) {
	const a = crypto.createHash('sha256').update(actual).digest();
	const b = crypto.createHash('sha256').update(expected).digest();
	return crypto.timingSafeEqual(a, b);
}

/**
 * @param {ApiRequest} request
 * @param {{ clientId: string, clientSecret: string, tokens: TokenStore }} context
 * @returns {Reply}
 */
function handleTokenRequest(request, context) {
	requireServiceHeaders(request.headers);

	const credentials = parseBasicCredentials(readHeader(request.headers, 'Authorization'));
	if (credentials === undefined) {
		throw unauthorized(
			'Missing or malformed Authorization header. Send "Authorization: Basic base64(clientId:clientSecret)".',
		);
	}
	if (
		!sameSecret(credentials.clientId, context.clientId) ||
		!sameSecret(credentials.clientSecret, context.clientSecret)
	) {
		throw unauthorized('Invalid client ID or client secret.');
	}

	const contentType = readHeader(request.headers, 'Content-Type') ?? '';
	if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
		throw unsupportedMediaType(
			'GMP_GATEWAY_API',
			`Content-Type '${contentType || '(none)'}' is not supported by POST /v3/token. Send application/x-www-form-urlencoded with grant_type=client_credentials.`,
		);
	}
	const form = new URLSearchParams(request.rawBody);
	const grantType = form.get('grant_type');
	if (grantType === null || grantType.trim() === '') {
		throw invalidParam('GMP_GATEWAY_API', 'grant_type', 'Form field grant_type is required.');
	}
	if (grantType !== 'client_credentials') {
		throw invalidParam(
			'GMP_GATEWAY_API',
			'grant_type',
			`grant_type '${grantType}' is not supported here. Use grant_type=client_credentials.`,
		);
	}

	const { accessToken, expiresIn } = context.tokens.issue();
	const accept = readHeader(request.headers, 'Accept') ?? '';
	if (accept.toLowerCase().includes('application/json')) {
		return {
			status: 200,
			body: { access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn },
		};
	}
	// Walmart answers XML unless JSON is explicitly accepted; clients that forget Accept break.
	return {
		status: 200,
		body: undefined,
		contentType: 'application/xml',
		rawBody:
			'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
			`<OAuthTokenDTO><accessToken>${accessToken}</accessToken><tokenType>Bearer</tokenType>` +
			`<expiresIn>${expiresIn}</expiresIn></OAuthTokenDTO>`,
	};
}

/**
 * Business calls carry the token in WM_SEC.ACCESS_TOKEN; a Bearer header is not accepted.
 * @param {import('node:http').IncomingHttpHeaders} headers
 * @param {TokenStore} tokens
 * @returns {string} the accepted access token
 */
function authenticate(headers, tokens) {
	const token = readHeader(headers, 'WM_SEC.ACCESS_TOKEN');
	if (token === undefined) {
		const authorization = readHeader(headers, 'Authorization') ?? '';
		const hint = /^Bearer\s/i.test(authorization)
			? ' An Authorization: Bearer header is not accepted; send the token in WM_SEC.ACCESS_TOKEN.'
			: '';
		throw unauthorized(`Header WM_SEC.ACCESS_TOKEN is missing.${hint}`);
	}
	const status = tokens.status(token);
	if (status === 'expired') {
		throw unauthorized('The access token in WM_SEC.ACCESS_TOKEN has expired. Get a new token.');
	}
	if (status === 'unknown') {
		throw unauthorized('The access token in WM_SEC.ACCESS_TOKEN is invalid.');
	}
	return token;
}

module.exports = { TokenStore, handleTokenRequest, authenticate };
