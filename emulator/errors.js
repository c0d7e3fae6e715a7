// @ts-check
// Walmart error bodies. Every error the emulator sends uses the `{errors:{error:[…]}}` form the
// orders API returns in production, with the API suffix on the code, because that is what a
// client must parse and show to users.

/** @typedef {import('./types').WalmartErrorItem} WalmartErrorItem */
/**
 * @typedef {'GMP_GATEWAY_API' | 'GMP_ORDER_API' | 'GMP_RETURNS_API' | 'GMP_NOTIFICATIONS_API'} ApiSuffix
 */

const INFO_BY_CODE = /** @type {Record<string, string>} */ ({
	INVALID_REQUEST: 'Request is invalid.',
	INVALID_REQUEST_PARAM: 'Request parameter is invalid.',
	INVALID_REQUEST_CONTENT: 'Request content is invalid.',
	INVALID_REQUEST_HEADER: 'Request header is invalid.',
	MISSING_REQUEST_HEADER: 'Required request header is missing.',
	MALFORMED_REQUEST_CONTENT: 'Request content is malformed.',
	UNAUTHORIZED:
		'Unauthorized token or incorrect authorization header. Get a token from POST /v3/token and send it in the WM_SEC.ACCESS_TOKEN header.',
	CONTENT_NOT_FOUND: 'Requested content could not be found.',
	METHOD_NOT_ALLOWED: 'HTTP method is not allowed for this resource.',
	UNSUPPORTED_MEDIA_TYPE: 'Content type is not supported.',
	REQUEST_THRESHOLD_VIOLATED: 'Too many requests. Wait for X-Next-Replenishment-Time.',
	SYSTEM_ERROR: 'System encountered some internal error.',
	DOWNSTREAM_SYSTEM_TIME_OUT: 'Downstream system timed out.',
	PAYLOAD_TOO_LARGE: 'Request payload is too large.',
});

class WalmartError extends Error {
	/**
	 * @param {number} status
	 * @param {WalmartErrorItem[]} items
	 * @param {Record<string, string>} [headers]
	 */
	constructor(status, items, headers) {
		super(items.map((item) => `${item.code}: ${item.description}`).join('; '));
		this.name = 'WalmartError';
		this.status = status;
		this.items = items;
		this.headers = headers ?? {};
	}

	get body() {
		return { errors: { error: this.items } };
	}
}

/**
 * @param {string} baseCode e.g. INVALID_REQUEST_PARAM
 * @param {ApiSuffix} api
 * @param {string} field
 * @param {string} description
 * @param {{ severity?: WalmartErrorItem['severity'], category?: WalmartErrorItem['category'] }} [options]
 * @returns {WalmartErrorItem}
 */
function errorItem(baseCode, api, field, description, options = {}) {
	return {
		code: `${baseCode}.${api}`,
		field,
		description,
		info: INFO_BY_CODE[baseCode] ?? 'Request failed.',
		severity: options.severity ?? 'ERROR',
		category: options.category ?? 'DATA',
		causes: [],
		errorIdentifiers: { entry: [] },
	};
}

/**
 * @param {ApiSuffix} api
 * @param {string} field
 * @param {string} description
 */
function invalidParam(api, field, description) {
	return new WalmartError(400, [errorItem('INVALID_REQUEST_PARAM', api, field, description)]);
}

/**
 * @param {ApiSuffix} api
 * @param {string} field
 * @param {string} description
 */
function invalidContent(api, field, description) {
	return new WalmartError(400, [errorItem('INVALID_REQUEST_CONTENT', api, field, description)]);
}

/** @param {string[]} headerNames */
function missingHeaders(headerNames) {
	return new WalmartError(
		400,
		headerNames.map((name) =>
			errorItem(
				'MISSING_REQUEST_HEADER',
				'GMP_GATEWAY_API',
				name,
				`Required header ${name} is missing or blank.`,
			),
		),
	);
}

/**
 * @param {string} headerName
 * @param {string} description
 */
function invalidHeader(headerName, description) {
	return new WalmartError(400, [
		errorItem('INVALID_REQUEST_HEADER', 'GMP_GATEWAY_API', headerName, description),
	]);
}

/** @param {string} description */
function unauthorized(description) {
	return new WalmartError(401, [
		errorItem('UNAUTHORIZED', 'GMP_GATEWAY_API', 'UNAUTHORIZED', description),
	]);
}

/**
 * @param {ApiSuffix} api
 * @param {string} description
 */
function contentNotFound(api, description) {
	return new WalmartError(404, [
		errorItem('CONTENT_NOT_FOUND', api, 'data', description, {
			severity: 'INFO',
			category: 'APPLICATION',
		}),
	]);
}

/** @param {string} path */
function routeNotFound(path) {
	return new WalmartError(404, [
		errorItem(
			'CONTENT_NOT_FOUND',
			'GMP_GATEWAY_API',
			'path',
			`No static resource ${path.replace(/^\//, '')}.`,
			{ severity: 'INFO', category: 'APPLICATION' },
		),
	]);
}

/**
 * @param {string} method
 * @param {string} path
 * @param {string[]} allowed
 */
function methodNotAllowed(method, path, allowed) {
	return new WalmartError(
		405,
		[
			errorItem(
				'METHOD_NOT_ALLOWED',
				'GMP_GATEWAY_API',
				'method',
				`Request method '${method}' is not supported for ${path}. Allowed: ${allowed.join(', ')}.`,
			),
		],
		{ Allow: allowed.join(', ') },
	);
}

/**
 * @param {ApiSuffix} api
 * @param {string} description
 */
function unsupportedMediaType(api, description) {
	return new WalmartError(415, [
		errorItem('UNSUPPORTED_MEDIA_TYPE', api, 'Content-Type', description),
	]);
}

/**
 * @param {ApiSuffix} api
 * @param {string} description
 */
function malformedContent(api, description) {
	return new WalmartError(400, [errorItem('MALFORMED_REQUEST_CONTENT', api, 'body', description)]);
}

/**
 * @param {string} description
 * @param {Record<string, string>} headers
 */
function throttled(description, headers) {
	return new WalmartError(
		429,
		[
			errorItem('REQUEST_THRESHOLD_VIOLATED', 'GMP_GATEWAY_API', 'REQUEST_THRESHOLD', description, {
				category: 'REQUEST',
			}),
		],
		headers,
	);
}

/**
 * @param {500 | 502 | 504} status
 * @param {ApiSuffix} api
 */
function systemError(status, api) {
	if (status === 504) {
		return new WalmartError(504, [
			errorItem(
				'DOWNSTREAM_SYSTEM_TIME_OUT',
				'GMP_GATEWAY_API',
				'data',
				'Downstream system did not respond in time. The request may or may not have been applied.',
				{ category: 'SYSTEM' },
			),
		]);
	}
	const description =
		status === 502
			? 'Bad gateway: the upstream service returned an invalid response.'
			: 'Internal system error. Try again later.';
	return new WalmartError(status, [
		errorItem('SYSTEM_ERROR', status === 502 ? 'GMP_GATEWAY_API' : api, 'data', description, {
			category: 'SYSTEM',
		}),
	]);
}

module.exports = {
	WalmartError,
	errorItem,
	invalidParam,
	invalidContent,
	missingHeaders,
	invalidHeader,
	unauthorized,
	contentNotFound,
	routeNotFound,
	methodNotAllowed,
	unsupportedMediaType,
	malformedContent,
	throttled,
	systemError,
};
