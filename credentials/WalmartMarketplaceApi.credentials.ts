import { randomUUID } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

const BASE_URLS: Record<string, string> = {
	production: 'https://marketplace.walmartapis.com',
	sandbox: 'https://sandbox.walmartapis.com',
};

const SERVICE_NAME = 'Walmart Marketplace';

function resolveBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? 'production');
	if (environment !== 'custom') return BASE_URLS[environment] ?? BASE_URLS.production;
	const custom = String(credentials.customBaseUrl ?? '').trim();
	if (!/^https?:\/\/[^\s/]+/i.test(custom)) {
		throw new UserError(
			`The Walmart Marketplace credential's Custom Base URL "${custom}" is not an http(s) URL. Enter one such as http://127.0.0.1:8089, or pick the Production or Sandbox environment.`,
		);
	}
	return custom.replace(/\/+$/, '');
}

/** Headers Walmart wants on every call, the token exchange included. */
function commonHeaders(credentials: ICredentialDataDecryptedObject): Record<string, string> {
	const headers: Record<string, string> = {
		Accept: 'application/json',
		'WM_SVC.NAME': SERVICE_NAME,
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

interface TokenResponse {
	access_token?: unknown;
	expires_in?: unknown;
}

interface HttpFailure {
	httpCode?: string;
	response?: { status?: number };
	cause?: { response?: { status?: number } };
	code?: string;
}

function failureStatus(error: HttpFailure): string {
	const status =
		error.response?.status ?? error.cause?.response?.status ?? Number(error.httpCode || 0);
	if (status) return `HTTP ${status}`;
	return error.code ?? 'no response';
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

	// n8n calls this when the token is empty, after a 401, and on the credential test. Walmart's
	// client-credentials grant returns no refresh token, so renewal is simply a new exchange.
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const baseUrl = resolveBaseUrl(credentials);
		const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString(
			'base64',
		);
		let response: TokenResponse;
		try {
			response = (await this.helpers.httpRequest({
				method: 'POST',
				url: `${baseUrl}/v3/token`,
				headers: {
					...commonHeaders(credentials),
					Authorization: `Basic ${basic}`,
					'Content-Type': 'application/x-www-form-urlencoded',
				},
				body: 'grant_type=client_credentials',
				json: true,
			})) as TokenResponse;
		} catch (error) {
			// The raw error carries the request, Basic header included: never pass it on.
			throw new UserError(
				`Walmart refused the Client ID and Client Secret (${failureStatus(error as HttpFailure)} from ${baseUrl}/v3/token). Check that both are copied whole and that they belong to the chosen environment: sandbox keys only work on Sandbox, production keys only on Production.`,
			);
		}
		if (typeof response?.access_token !== 'string' || response.access_token === '') {
			throw new UserError(
				`Walmart's token endpoint at ${baseUrl}/v3/token answered without an access token. Check the environment or Custom Base URL points at Walmart Marketplace.`,
			);
		}
		return { accessToken: response.access_token } as IDataObject;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			baseURL: requestOptions.baseURL ?? resolveBaseUrl(credentials),
			headers: {
				...commonHeaders(credentials),
				...(requestOptions.headers ?? {}),
				'WM_SEC.ACCESS_TOKEN': String(credentials.accessToken ?? ''),
			},
		};
	}

	// The exchange in preAuthentication already proves the keys; this read proves Walmart accepts
	// the token. A seller with no recent orders gets 404 CONTENT_NOT_FOUND, which is still a pass.
	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: '/v3/orders/released?limit=1',
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errors.error[0].code',
					value: 'UNAUTHORIZED.GMP_GATEWAY_API',
					message: 'Walmart rejected the access token. Check the environment and the keys.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errors.error[0].code',
					value: 'FORBIDDEN.GMP_GATEWAY_API',
					message:
						'The keys work but have no access to orders. Give the API key Orders access in Seller Center.',
				},
			},
		],
	};
}
