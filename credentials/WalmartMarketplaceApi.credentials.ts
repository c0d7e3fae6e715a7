import { randomUUID } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	IAuthenticateRuleResponseCode,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';
import { sleep, UserError } from 'n8n-workflow';

const BASE_URLS: Record<string, string> = {
	production: 'https://marketplace.walmartapis.com',
	sandbox: 'https://sandbox.walmartapis.com',
};

const SERVICE_NAME = 'Walmart Marketplace';

const TOKEN_PATH = '/v3/token';
const TOKEN_TIMEOUT_MS = 30_000;
const TOKEN_FAULT_RETRIES = 3;
const TOKEN_THROTTLE_RETRIES = 3;
// The exchange runs inside a workflow step or the editor's Test button, so a throttled token
// call is waited out briefly rather than for the minute a business call may wait.
const TOKEN_MAX_THROTTLE_WAIT_MS = 10_000;

// Most connection failures pass and say nothing about the keys, so they are tried again; a host
// that does not resolve, or a certificate that does not verify, will not fix itself.
const PERMANENT_NETWORK_CODES = new Set(['ENOTFOUND', 'ERR_INVALID_URL', 'ERR_BAD_OPTION']);
const CERTIFICATE_CODE = /CERT|SELF_SIGNED|TLS|SSL/i;

const KEY_SOURCE =
	'Copy it from Seller Center → Settings → API Key Management (Developer Portal); sandbox and production keys are different.';

/** The Client ID and Client Secret as Walmart must receive them. */
export interface WalmartKeys {
	clientId: string;
	clientSecret: string;
}

/**
 * Pasting a key often brings a trailing newline or space with it, which Walmart then refuses as
 * a wrong key; surrounding whitespace is never part of a Walmart key, so it is dropped.
 */
export function readKeys(credentials: ICredentialDataDecryptedObject): WalmartKeys {
	const clientId = String(credentials.clientId ?? '').trim();
	const clientSecret = String(credentials.clientSecret ?? '').trim();
	if (clientId === '') {
		throw new UserError(`The Walmart Marketplace credential's Client ID is empty. ${KEY_SOURCE}`);
	}
	if (clientSecret === '') {
		throw new UserError(
			`The Walmart Marketplace credential's Client Secret is empty. ${KEY_SOURCE}`,
		);
	}
	return { clientId, clientSecret };
}

/**
 * How a Custom Base URL is quoted back in a message: enough to recognise it, without a password
 * or a query that may carry one.
 */
function quotableUrl(raw: string): string {
	return raw
		.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1…@')
		.replace(/\?[^#]*/, '?…')
		.replace(/#.*$/, '#…');
}

function invalidBaseUrl(raw: string, problem: string): UserError {
	return new UserError(
		`The Walmart Marketplace credential's Custom Base URL "${quotableUrl(raw)}" ${problem}. Enter only the scheme, host, port and optional path, such as http://127.0.0.1:8089 or https://walmart-proxy.example.com/walmart, or pick the Production or Sandbox environment.`,
	);
}

export function resolveBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? 'production');
	if (environment !== 'custom') return BASE_URLS[environment] ?? BASE_URLS.production;
	const raw = String(credentials.customBaseUrl ?? '').trim();
	if (raw === '') throw invalidBaseUrl(raw, 'is empty');
	if (!/^https?:\/\//i.test(raw)) throw invalidBaseUrl(raw, 'is not an http(s) URL');
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw invalidBaseUrl(raw, 'is not a valid URL');
	}
	// Basic auth in the URL would be sent to every call next to Walmart's own authentication.
	if (url.username !== '' || url.password !== '' || /^[a-z]+:\/\/[^/?#]*@/i.test(raw)) {
		throw invalidBaseUrl(raw, 'contains a user name or password (user:password@)');
	}
	// The node appends paths and query strings of its own; a query or fragment here would
	// silently end up in the middle of them.
	if (raw.includes('?')) throw invalidBaseUrl(raw, 'has a query (?…)');
	if (raw.includes('#')) throw invalidBaseUrl(raw, 'has a fragment (#…)');
	return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** Headers Walmart wants on every call, the token exchange included. */
function commonHeaders(credentials: ICredentialDataDecryptedObject): Record<string, string> {
	const headers: Record<string, string> = {
		Accept: 'application/json',
		'WM_SVC.NAME': SERVICE_NAME,
		// Walmart traces each request by this ID, so every attempt, resend included, gets its own.
		'WM_QOS.CORRELATION_ID': randomUUID(),
	};
	const market = String(credentials.market ?? 'us');
	// The Global Marketplace APIs (mandatory for CA and MX) select the market by header.
	if (market !== 'us') {
		headers.WM_MARKET = market;
		headers.WM_GLOBAL_VERSION = '3.1';
	}
	const channelType = String(credentials.channelType ?? '').trim();
	if (channelType) headers['WM_CONSUMER.CHANNEL.TYPE'] = channelType;
	if (credentials.environment === 'sandbox' && credentials.dynamicSandbox === true) {
		headers.WM_SANDBOX = 'v2';
	}
	return headers;
}

/** Headers of one attempt that must not be carried into the next. */
const PER_ATTEMPT_HEADERS = new Set(['wm_qos.correlation_id', 'wm_sec.access_token']);

function withoutPerAttemptHeaders(headers: IDataObject | undefined): IDataObject {
	const kept: IDataObject = {};
	for (const [name, value] of Object.entries(headers ?? {})) {
		if (!PER_ATTEMPT_HEADERS.has(name.toLowerCase())) kept[name] = value;
	}
	return kept;
}

interface TokenResponse {
	access_token?: unknown;
}

interface HttpResponseLike {
	status?: number;
	headers?: Record<string, unknown>;
}

interface HttpErrorLike {
	response?: HttpResponseLike;
	cause?: { response?: HttpResponseLike; code?: string };
	httpCode?: string | null;
	code?: string;
	message?: string;
}

/** What a failed token call tells, read from the error without keeping the request. */
interface TokenFailure {
	status?: number;
	headers: Record<string, unknown>;
	networkCode?: string;
	/** Set when the request never left, such as a URL n8n refused: nothing to retry. */
	localReason?: string;
}

function toTokenFailure(error: unknown): TokenFailure {
	const failure = (error ?? {}) as HttpErrorLike;
	const response = failure.cause?.response ?? failure.response;
	const status = response?.status ?? (failure.httpCode ? Number(failure.httpCode) : undefined);
	const validStatus =
		status !== undefined && Number.isFinite(status) && status > 0 ? status : undefined;
	const networkCode = response ? undefined : (failure.cause?.code ?? failure.code);
	if (validStatus === undefined && networkCode === undefined) {
		return { headers: {}, localReason: failure.message ?? 'unknown error' };
	}
	return { status: validStatus, headers: response?.headers ?? {}, networkCode };
}

function headerValue(headers: Record<string, unknown>, name: string): string | undefined {
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	return value === undefined || value === null ? undefined : String(value);
}

function jitterMs(): number {
	return Math.floor(Math.random() * 250);
}

function faultBackoffMs(attempt: number): number {
	return 400 * 2 ** attempt + jitterMs();
}

/**
 * Walmart does not document the format of X-Next-Replenishment-Time; epoch milliseconds, epoch
 * seconds, seconds from now and ISO dates have all been seen.
 */
function throttleWaitMs(headers: Record<string, unknown>, attempt: number): number {
	const raw =
		headerValue(headers, 'x-next-replenishment-time') ??
		headerValue(headers, 'x-next-replenish-time') ??
		headerValue(headers, 'retry-after');
	const now = Date.now();
	let target: number | undefined;
	if (raw !== undefined && raw.trim() !== '') {
		const numeric = Number(raw);
		if (Number.isFinite(numeric)) {
			if (numeric > 1e12) target = numeric;
			else if (numeric > 1e9) target = numeric * 1000;
			else target = now + numeric * 1000;
		} else {
			const parsed = Date.parse(raw);
			if (!Number.isNaN(parsed)) target = parsed;
		}
	}
	const wait = target === undefined ? 1000 * 2 ** attempt : Math.max(0, target - now);
	return Math.min(TOKEN_MAX_THROTTLE_WAIT_MS, wait + jitterMs());
}

function isRetryableNetworkCode(code: string): boolean {
	return !PERMANENT_NETWORK_CODES.has(code) && !CERTIFICATE_CODE.test(code);
}

// n8n's error wrapper swaps any message that contains a Node error code such as ECONNRESET for a
// generic sentence, so the cause is put in words.
const NETWORK_CAUSES: Record<string, string> = {
	ECONNRESET: 'connection reset',
	EPIPE: 'connection reset',
	ECONNREFUSED: 'connection refused',
	ETIMEDOUT: 'connection timed out',
	ESOCKETTIMEDOUT: 'connection timed out',
	ECONNABORTED: 'no answer in time',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	EAI_AGAIN: 'DNS lookup failed',
	ENOTFOUND: 'host name not found',
};

function describeNetworkCode(code: string): string {
	if (NETWORK_CAUSES[code]) return NETWORK_CAUSES[code];
	if (CERTIFICATE_CODE.test(code)) return 'TLS certificate not accepted';
	if (/hang up/i.test(code)) return 'connection reset';
	return 'no answer';
}

function attempts(count: number): string {
	return count === 1 ? '1 attempt' : `${count} attempts`;
}

function keysRefusedMessage(status: number, tokenUrl?: string): string {
	const from = tokenUrl ? ` from ${tokenUrl}` : '';
	return `Walmart refused the Client ID and Client Secret (HTTP ${status}${from}). Check that both are copied whole and that they belong to the chosen environment: sandbox keys only work on Sandbox, production keys only on Production.`;
}

function forbiddenMessage(tokenUrl?: string): string {
	const from = tokenUrl ? ` from ${tokenUrl}` : '';
	return `Walmart will not issue a token for these keys (HTTP 403${from}). Check in Seller Center → Settings → API Key Management that the keys are active and allowed to use the Marketplace APIs.`;
}

function throttledMessage(cause: string, detail = ''): string {
	return `Walmart is throttling token requests (${cause}${detail}) — wait a minute and try again; your keys were not rejected.`;
}

function unavailableMessage(cause: string, detail = ''): string {
	return `Walmart's token service is unavailable (${cause}${detail}) — try again later; your keys were not rejected.`;
}

/** The message for a token call that failed for good. Never carries the keys. */
function tokenFailureMessage(
	failure: TokenFailure,
	tokenUrl: string,
	attemptCount: number,
	credentials: ICredentialDataDecryptedObject,
): string {
	const { status } = failure;
	const detail = ` from ${tokenUrl}, ${attempts(attemptCount)}`;
	const custom = credentials.environment === 'custom';
	const setting = custom ? 'Custom Base URL' : 'Environment';
	if (status === 400 || status === 401) return keysRefusedMessage(status, tokenUrl);
	if (status === 403) return forbiddenMessage(tokenUrl);
	if (status === 429) return throttledMessage('HTTP 429', detail);
	if (status !== undefined && status >= 500) return unavailableMessage(`HTTP ${status}`, detail);
	if (status !== undefined) {
		return `Walmart's token endpoint answered HTTP ${status} (${tokenUrl}). Check that the ${setting} points at the Walmart Marketplace API.`;
	}
	if (failure.localReason !== undefined) {
		return `The token request to ${tokenUrl} could not be sent: ${failure.localReason}`;
	}
	const code = failure.networkCode ?? 'no response';
	if (!isRetryableNetworkCode(code)) {
		return `Could not connect to ${tokenUrl} (${describeNetworkCode(code)}). Check the ${setting}: the host must exist and serve a valid certificate.`;
	}
	const hint = custom
		? ' If it persists, check that the Custom Base URL is right and reachable.'
		: '';
	return `${unavailableMessage(describeNetworkCode(code), ` at ${tokenUrl}, ${attempts(attemptCount)}`)}${hint}`;
}

// A reason n8n or the HTTP client wrote is quoted as it is; the keys must not ride along with it.
function withoutKeys(message: string, secrets: string[]): string {
	return secrets.reduce(
		(text, secret) => (secret === '' ? text : text.split(secret).join('…')),
		message,
	);
}

function responseCodeRule(value: number, message: string): IAuthenticateRuleResponseCode {
	return { type: 'responseCode', properties: { value, message } };
}

/** Whether a request is the token exchange itself, which is signed with the keys. */
function isTokenExchange(requestOptions: IHttpRequestOptions): boolean {
	const path = String(requestOptions.url ?? '')
		.split('?')[0]
		.replace(/\/+$/, '');
	return (
		String(requestOptions.method ?? 'GET').toUpperCase() === 'POST' && path.endsWith(TOKEN_PATH)
	);
}

/**
 * Exchanges the keys for an access token at POST /v3/token. Dropped connections and 5xx answers
 * are tried again like a read, throttling is waited out briefly; only Walmart's 400 or 401 is
 * reported as wrong keys.
 */
export async function exchangeKeysForToken(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	const baseUrl = resolveBaseUrl(credentials);
	const { clientId, clientSecret } = readKeys(credentials);
	const tokenUrl = `${baseUrl}${TOKEN_PATH}`;
	const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
	let faults = 0;
	let throttled = 0;
	for (let attempt = 1; ; attempt++) {
		let response: TokenResponse;
		try {
			response = (await helpers.httpRequest({
				method: 'POST',
				url: tokenUrl,
				headers: {
					...commonHeaders(credentials),
					Authorization: `Basic ${basic}`,
					'Content-Type': 'application/x-www-form-urlencoded',
				},
				body: 'grant_type=client_credentials',
				json: true,
				timeout: TOKEN_TIMEOUT_MS,
			})) as TokenResponse;
		} catch (error) {
			// The raw error carries the request, Basic header included: it is never passed on; only
			// its status, headers, network code and (with the keys cut out) message are read.
			const failure = toTokenFailure(error);
			if (failure.status === 429 && throttled < TOKEN_THROTTLE_RETRIES) {
				await sleep(throttleWaitMs(failure.headers, throttled));
				throttled++;
				continue;
			}
			let retryable = false;
			if (failure.status !== undefined) retryable = failure.status >= 500;
			else if (failure.networkCode !== undefined) {
				retryable = isRetryableNetworkCode(failure.networkCode);
			}
			if (retryable && faults < TOKEN_FAULT_RETRIES) {
				await sleep(faultBackoffMs(faults));
				faults++;
				continue;
			}
			const message = tokenFailureMessage(failure, tokenUrl, attempt, credentials);
			throw new UserError(withoutKeys(message, [clientSecret, basic]));
		}
		if (typeof response?.access_token !== 'string' || response.access_token === '') {
			throw new UserError(
				`Walmart's token endpoint at ${tokenUrl} answered without an access token. Check that the ${credentials.environment === 'custom' ? 'Custom Base URL' : 'Environment'} points at the Walmart Marketplace API.`,
			);
		}
		return response.access_token;
	}
}

export class WalmartMarketplaceApi implements ICredentialType {
	name = 'walmartMarketplaceApi';

	displayName = 'Walmart Marketplace API';

	icon: Icon = {
		light: 'file:../nodes/WalmartMarketplace/walmart.svg',
		dark: 'file:../nodes/WalmartMarketplace/walmart.dark.svg',
	};

	documentationUrl = 'https://github.com/walmart-n8n/n8n-nodes-walmart-marketplace#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description:
				'From Seller Center → Settings → API Key Management (Developer Portal). Sandbox and production keys are different.',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'production',
			options: [
				{
					name: 'Production',
					value: 'production',
					description: 'https://marketplace.walmartapis.com',
				},
				{
					name: 'Sandbox',
					value: 'sandbox',
					description: 'https://sandbox.walmartapis.com, with sandbox keys',
				},
				{
					name: 'Custom Base URL',
					value: 'custom',
					description: 'The local Walmart Marketplace emulator, or a proxy in front of Walmart',
				},
			],
		},
		{
			displayName: 'Dynamic Sandbox',
			name: 'dynamicSandbox',
			type: 'boolean',
			default: false,
			description:
				'Whether to use the stateful dynamic sandbox (sends WM_SANDBOX: v2) instead of the static mock sandbox',
			displayOptions: { show: { environment: ['sandbox'] } },
		},
		{
			displayName: 'Custom Base URL',
			name: 'customBaseUrl',
			type: 'string',
			default: 'http://127.0.0.1:8089',
			placeholder: 'http://127.0.0.1:8089',
			description:
				'Scheme, host, port and optional path only: no query, fragment or user:password@',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Market',
			name: 'market',
			type: 'options',
			default: 'us',
			options: [
				{ name: 'United States', value: 'us' },
				{
					name: 'Canada (Global API)',
					value: 'ca',
					description: 'Sends WM_MARKET: ca and WM_GLOBAL_VERSION: 3.1',
				},
				{
					name: 'Mexico (Global API)',
					value: 'mx',
					description: 'Sends WM_MARKET: mx and WM_GLOBAL_VERSION: 3.1',
				},
			],
		},
		{
			displayName: 'Consumer Channel Type',
			name: 'channelType',
			type: 'string',
			default: '',
			description:
				'Optional WM_CONSUMER.CHANNEL.TYPE value Walmart gave you at onboarding. Leave empty if you have none.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	// n8n calls this when no token is stored and after a 401, the credential test's included.
	// Walmart's client-credentials grant returns no refresh token, so renewal is a new exchange.
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const accessToken = await exchangeKeysForToken(this.helpers, credentials);
		return { accessToken } as IDataObject;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const baseURL = requestOptions.baseURL ?? resolveBaseUrl(credentials);
		// After a 401 n8n hands back the options this returned the first time: their correlation ID
		// and old token must not win over the fresh ones.
		const callerHeaders = withoutPerAttemptHeaders(requestOptions.headers);
		if (isTokenExchange(requestOptions)) {
			// The credential test posts to the token endpoint itself, so that its verdict rests on
			// the keys as they are now rather than on a token stored earlier.
			const { clientId, clientSecret } = readKeys(credentials);
			const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
			return {
				...requestOptions,
				baseURL,
				headers: {
					...commonHeaders(credentials),
					...callerHeaders,
					Authorization: `Basic ${basic}`,
				},
			};
		}
		return {
			...requestOptions,
			baseURL,
			headers: {
				...commonHeaders(credentials),
				...callerHeaders,
				'WM_SEC.ACCESS_TOKEN': String(credentials.accessToken ?? ''),
			},
		};
	}

	// n8n 2.41 runs the credential test with the stored token and calls preAuthentication only
	// when none is stored, so a test that read an order would pass with a wrong secret while an
	// old token lasts. This test exchanges the keys themselves: authenticate() signs it with the
	// Client ID and Secret as they are now. A 401 makes n8n run preAuthentication, whose message
	// names the keys; the rules name the other answers.
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: TOKEN_PATH,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: 'grant_type=client_credentials',
		},
		rules: [
			...[400, 401].map((status) => responseCodeRule(status, keysRefusedMessage(status))),
			responseCodeRule(403, forbiddenMessage()),
			responseCodeRule(429, throttledMessage('HTTP 429')),
			...[500, 502, 503, 504].map((status) =>
				responseCodeRule(status, unavailableMessage(`HTTP ${status}`)),
			),
		],
	};
}
