import type { IDataObject, IHookFunctions, IWebhookFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	AUTH_HEADER_NAMES,
	BASIC_AUTH_USER,
	generateSecret,
	NOTIFICATION_EVENTS,
	ORDER_UPDATE_TYPES,
} from '../WalmartMarketplace/helpers/notifications';
import { InputError, parseBoolean, parseChoice, show } from '../WalmartMarketplace/helpers/parse';
import { isUnknownOutcome, WalmartApiError } from '../WalmartMarketplace/transport';
import type {
	NotificationAuthDetails,
	NotificationAuthMethod,
	SubscriptionRequest,
	WalmartSubscription,
} from '../WalmartMarketplace/transport/notifications';
import {
	createSubscriptions,
	deleteSubscription,
	listEventTypes,
	listSubscriptions,
	sendTestNotification,
} from '../WalmartMarketplace/transport/notifications';

const AUTH_METHODS: readonly NotificationAuthMethod[] = ['HMAC', 'BASIC_AUTH'];
const EVENT_VALUES = NOTIFICATION_EVENTS.map((event) => event.value);
const ORDER_UPDATE_VALUES = ORDER_UPDATE_TYPES.map((type) => type.value);

/** What the node keeps in the workflow's static data between activation and each call. */
export interface SubscriptionState {
	url: string;
	authMethod: NotificationAuthMethod;
	secret: string;
	events: string[];
	subscriptions: Array<{ eventType: string; subscriptionId: string }>;
}

export interface WebhookSettings {
	events: string[];
	orderUpdateTypes: string[];
	authMethod: NotificationAuthMethod;
	replaceExisting: boolean;
	sendTestNotification: boolean;
}

type NodeContext = IHookFunctions | IWebhookFunctions;

function refuse(context: NodeContext, error: InputError): NodeOperationError {
	return new NodeOperationError(context.getNode(), error.message, { description: error.fix });
}

function parseList(value: unknown, field: string, allowed: readonly string[]): string[] {
	// n8n hands a field that takes no expression its text unevaluated, minus the leading "=".
	if (typeof value === 'string' && /^=?\s*\{\{[\s\S]*\}\}\s*$/.test(value)) {
		throw new InputError(
			`"${field}" is the expression ${show(value)}, which this field does not evaluate`,
			`Pick ${field} from the list; it cannot be set by an expression.`,
		);
	}
	if (typeof value === 'string' && value.includes(',')) {
		throw new InputError(
			`"${field}" is ${show(value)}, one text with commas rather than a list`,
			`Give a list of values, such as ${show(allowed.slice(0, 2))}, or pick from the list.`,
		);
	}
	const list = typeof value === 'string' ? [value] : value;
	if (!Array.isArray(list)) {
		throw new InputError(
			`"${field}" is ${show(value)}, which is not a list`,
			'Pick from the list.',
		);
	}
	const chosen = list.map((entry) => parseChoice(entry, allowed, `"${field}"`, 'node'));
	const repeated = chosen.find((entry, index) => chosen.indexOf(entry) !== index);
	if (repeated !== undefined) {
		throw new InputError(
			`"${field}" is ${show(value)}, which lists "${repeated}" twice`,
			'List each value once.',
		);
	}
	return chosen.sort();
}

export function readSettings(context: NodeContext): WebhookSettings {
	try {
		const events = parseList(context.getNodeParameter('events', []), 'Events', EVENT_VALUES);
		if (events.length === 0) {
			throw new InputError('"Events" is empty', 'Choose at least one Walmart event.');
		}
		const orderUpdateTypes = events.includes('ORDER_UPDATES')
			? parseList(
					context.getNodeParameter('orderUpdateTypes', []),
					'Order Update Types',
					ORDER_UPDATE_VALUES,
				)
			: [];
		const authMethod = parseChoice(
			context.getNodeParameter('authentication', 'HMAC'),
			AUTH_METHODS,
			'"Authentication"',
			'node',
		);
		const options = context.getNodeParameter('options', {}) as IDataObject;
		return {
			events,
			orderUpdateTypes,
			authMethod,
			replaceExisting: parseBoolean(
				options.replaceExisting,
				'Replace Existing Subscriptions',
				false,
			),
			sendTestNotification: parseBoolean(
				options.sendTestNotification,
				'Send Test Notification When Listening',
				true,
			),
		};
	} catch (error) {
		if (error instanceof InputError) throw refuse(context, error);
		throw new NodeOperationError(context.getNode(), error as Error);
	}
}

export function readState(context: NodeContext): SubscriptionState | undefined {
	const stored = context.getWorkflowStaticData('node').subscription as
		| SubscriptionState
		| undefined;
	if (
		typeof stored !== 'object' ||
		stored === null ||
		typeof stored.secret !== 'string' ||
		!Array.isArray(stored.subscriptions)
	) {
		return undefined;
	}
	return stored;
}

/**
 * The states this process created, per node, for calls that arrive before n8n hands the webhook
 * the static data `create` wrote: Walmart's test notification is delivered while `create` still
 * waits for Walmart's answer, and n8n gives a test webhook the static data only after `create`.
 */
const createdInProcess = new Map<string, SubscriptionState[]>();

function nodeKey(context: NodeContext): string {
	return `${context.getWorkflow().id ?? ''}/${context.getNode().id}`;
}

/** Every state a call to this node may have been signed for: static data's, then this process's. */
export function candidateStates(context: IWebhookFunctions): SubscriptionState[] {
	const stored = readState(context);
	const recent = createdInProcess.get(nodeKey(context)) ?? [];
	return [
		...(stored ? [stored] : []),
		...recent.filter((state) => state.secret !== stored?.secret),
	];
}

function writeState(
	context: IHookFunctions,
	state: SubscriptionState | undefined,
	url: string | undefined,
): void {
	const staticData = context.getWorkflowStaticData('node');
	const key = nodeKey(context);
	const others = (createdInProcess.get(key) ?? []).filter((kept) => kept.url !== url);
	if (state === undefined) {
		delete staticData.subscription;
		createdInProcess.set(key, others);
	} else {
		staticData.subscription = state as unknown as IDataObject;
		createdInProcess.set(key, [...others, state]);
	}
}

function authDetailsFor(method: NotificationAuthMethod, secret: string): NotificationAuthDetails {
	if (method === 'HMAC') {
		return { authMethod: 'HMAC', authHeaderName: AUTH_HEADER_NAMES.HMAC, clientSecret: secret };
	}
	return {
		authMethod: 'BASIC_AUTH',
		authHeaderName: AUTH_HEADER_NAMES.BASIC_AUTH,
		userName: BASIC_AUTH_USER,
		password: secret,
	};
}

/** The secret Walmart echoes back for a subscription, when it does. */
function echoedSecret(subscription: WalmartSubscription): string | undefined {
	const details = subscription.authDetails;
	const secret = details?.clientSecret ?? details?.password;
	return typeof secret === 'string' && secret !== '' ? secret : undefined;
}

/**
 * Whether what Walmart shows of a subscription's secret can be ours. Walmart may mask it in a
 * read ("****", or all but a few characters). A generated secret never holds a "*", so a "*"
 * marks a mask and only the characters left visible are compared; treating a mask as a
 * mismatch would delete and recreate the subscriptions on every n8n start.
 */
function echoMatches(echoed: string | undefined, secret: string): boolean {
	if (echoed === undefined) return true;
	if (!echoed.includes('*')) return echoed === secret;
	const visibleStart = echoed.slice(0, echoed.indexOf('*'));
	const visibleEnd = echoed.slice(echoed.lastIndexOf('*') + 1);
	return (
		visibleStart.length + visibleEnd.length < secret.length &&
		secret.startsWith(visibleStart) &&
		secret.endsWith(visibleEnd)
	);
}

function isActive(subscription: WalmartSubscription): boolean {
	return subscription.status === undefined || subscription.status === 'ACTIVE';
}

/** Walmart's own words about a failure, for a message that wraps it. */
function reasonOf(error: unknown): string {
	if (error instanceof NodeApiError) {
		return [error.message, error.description].filter(Boolean).join(' — ');
	}
	return error instanceof Error ? error.message : String(error);
}

/**
 * Walmart may quote a refused value in its error, and the secret travels in the request body of
 * a create or test call; errors end up in the editor and the execution log. Every text an error
 * keeps (message, description, Walmart's details, the cause) gets the secret replaced.
 */
function hideSecret(value: unknown, secret: string, depth = 0, seen = new Set<object>()): void {
	if (typeof value !== 'object' || value === null || depth > 6 || seen.has(value)) return;
	seen.add(value);
	const record = value as Record<string, unknown>;
	for (const key of Object.getOwnPropertyNames(record)) {
		try {
			const field = record[key];
			if (typeof field === 'string') {
				if (field.includes(secret)) record[key] = field.split(secret).join('[secret]');
			} else {
				hideSecret(field, secret, depth + 1, seen);
			}
		} catch {
			// A getter that throws or a frozen field holds nothing of ours to hide.
		}
	}
}

/** A URL shown in a message: scheme, host and path only. */
function shownUrl(url: string | undefined): string {
	if (url === undefined) return 'an unknown address';
	try {
		const parsed = new URL(url);
		return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
	} catch {
		return 'an address that is not a URL';
	}
}

async function guardAccountAndUrl(context: IHookFunctions, url: string): Promise<void> {
	const credentials = await context.getCredentials('walmartMarketplaceApi');
	const market = String(credentials.market ?? 'us');
	if (market !== 'us') {
		throw new NodeOperationError(
			context.getNode(),
			`Walmart offers notifications in the US market only, and this credential is for ${market.toUpperCase()}`,
			{
				description:
					'Use the Walmart Marketplace Trigger (polling) for Canada and Mexico, or a US credential here.',
			},
		);
	}
	if (credentials.environment === 'custom') return;
	let parsed: URL | undefined;
	try {
		parsed = new URL(url);
	} catch {
		parsed = undefined;
	}
	const local =
		parsed === undefined ||
		/^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)$/i.test(parsed.hostname);
	if (parsed?.protocol !== 'https:' || local) {
		throw new NodeOperationError(
			context.getNode(),
			`Walmart cannot deliver notifications to ${shownUrl(url)}`,
			{
				description:
					'Walmart sends notifications only to a public HTTPS address. Set n8n’s WEBHOOK_URL to the public HTTPS address of this n8n (for example behind a reverse proxy or tunnel) and activate again.',
			},
		);
	}
}

/**
 * Whether Walmart still has every subscription this node created, pointing here, active, for
 * the events and authentication now chosen. Anything else makes n8n call `create`, which puts it
 * right.
 */
export async function subscriptionExists(context: IHookFunctions): Promise<boolean> {
	const settings = readSettings(context);
	const state = readState(context);
	const url = context.getNodeWebhookUrl('default');
	if (
		state === undefined ||
		state.url !== url ||
		state.authMethod !== settings.authMethod ||
		state.events.join(',') !== settings.events.join(',') ||
		state.subscriptions.length !== settings.events.length
	) {
		return false;
	}
	const live = await listSubscriptions(context);
	return state.subscriptions.every(({ subscriptionId, eventType }) => {
		const found = live.find((subscription) => subscription.subscriptionId === subscriptionId);
		if (found === undefined || found.eventType !== eventType || !isActive(found)) return false;
		if (found.eventUrl !== undefined && found.eventUrl !== url) return false;
		const method = found.authDetails?.authMethod;
		if (method !== undefined && method !== state.authMethod) return false;
		return echoMatches(echoedSecret(found), state.secret);
	});
}

async function deleteAll(context: IHookFunctions, subscriptionIds: string[]): Promise<void> {
	for (const subscriptionId of subscriptionIds) {
		await deleteSubscription(context, subscriptionId);
	}
}

/**
 * Subscriptions of the chosen events that point here, after a create whose outcome is unknown:
 * every one, or undefined after deleting the ones found, so that a half-made set is not left
 * behind with a secret nobody keeps.
 */
async function readBackCreated(
	context: IHookFunctions,
	url: string,
	events: string[],
	secret: string,
): Promise<WalmartSubscription[] | undefined> {
	const live = await listSubscriptions(context);
	const found = events.map((eventType) =>
		live.find(
			(subscription) =>
				subscription.eventType === eventType &&
				subscription.eventUrl === url &&
				echoMatches(echoedSecret(subscription), secret),
		),
	);
	const present = found.filter(
		(subscription): subscription is WalmartSubscription => subscription !== undefined,
	);
	if (present.length === events.length) return present;
	await deleteAll(
		context,
		present.map((subscription) => subscription.subscriptionId),
	);
	return undefined;
}

/**
 * Creates the subscriptions for this node's URL with a freshly generated secret. Subscriptions
 * this node made before (for this URL or recorded in static data) are replaced; somebody else's
 * subscription for a chosen event is only replaced when the user said so.
 */
export async function createSubscription(context: IHookFunctions): Promise<boolean> {
	const settings = readSettings(context);
	const url = context.getNodeWebhookUrl('default');
	if (url === undefined) {
		throw new NodeOperationError(context.getNode(), 'n8n did not give this node a webhook URL');
	}
	await guardAccountAndUrl(context, url);

	const catalogue = await listEventTypes(context);
	const requests: SubscriptionRequest[] = [];
	const secret = generateSecret();
	const authDetails = authDetailsFor(settings.authMethod, secret);
	for (const eventType of settings.events) {
		// Without a catalogue (Walmart answered "none found") the documented resource and V1 are
		// used, and Walmart's answer to the create decides.
		const known = NOTIFICATION_EVENTS.find((event) => event.value === eventType);
		const offered =
			catalogue.length === 0 && known !== undefined
				? { eventType, resourceName: known.resourceName, eventVersion: 'V1' }
				: catalogue.find((entry) => entry.eventType === eventType);
		if (offered === undefined) {
			throw new NodeOperationError(
				context.getNode(),
				`Walmart does not offer the ${eventType} notification to this account`,
				{
					description: `Walmart offers: ${catalogue.map((entry) => entry.eventType).join(', ') || 'none'}. Remove ${eventType} from Events, or ask Walmart to give the API key access to it (its resource is ${known?.resourceName ?? 'unknown'}).`,
				},
			);
		}
		requests.push({
			eventType,
			eventVersion: offered.eventVersion,
			resourceName: offered.resourceName,
			eventUrl: url,
			status: 'ACTIVE',
			authDetails,
			headers: { 'content-type': 'application/json' },
		});
	}

	const previous = readState(context);
	const existing = await listSubscriptions(context);
	// Only what this node made for this same URL is replaced without asking: listening for a test
	// event must not take the events away from the published workflow's production URL.
	const ours = existing.filter(
		(subscription) =>
			subscription.eventUrl === url ||
			(previous?.url === url &&
				previous.subscriptions.some((kept) => kept.subscriptionId === subscription.subscriptionId)),
	);
	const others = existing.filter(
		(subscription) =>
			settings.events.includes(subscription.eventType) && !ours.includes(subscription),
	);
	if (others.length > 0 && !settings.replaceExisting) {
		const listed = others
			.map(
				(subscription) =>
					`${subscription.eventType} → ${shownUrl(subscription.eventUrl)} (subscription ${subscription.subscriptionId}, ${subscription.status ?? 'status unknown'})`,
			)
			.join('; ');
		const productionUrl = url.replace('/webhook-test/', '/webhook/');
		const published =
			url !== productionUrl && others.some((other) => other.eventUrl === productionUrl);
		throw new NodeOperationError(
			context.getNode(),
			`Walmart already sends ${[...new Set(others.map((subscription) => subscription.eventType))].join(', ')} notifications elsewhere`,
			{
				description: published
					? `This workflow is published and receives these events at its production URL (${listed}). Listening for a test event would move them away from it: unpublish the workflow first, or turn on Options → Replace Existing Subscriptions knowingly.`
					: `Existing subscriptions: ${listed}. Another workflow or system receives these events. To move them to this workflow, turn on Options → Replace Existing Subscriptions (the other receiver stops getting them), or delete them in Walmart first.`,
			},
		);
	}
	await deleteAll(
		context,
		[...ours, ...others].map((subscription) => subscription.subscriptionId),
	);
	writeState(context, undefined, url);

	let created: WalmartSubscription[];
	try {
		created = await createSubscriptions(context, requests);
	} catch (error) {
		hideSecret(error, secret);
		// Walmart may have created them without the answer arriving; sending again could make a
		// second set, so read what is there instead.
		const status = error instanceof WalmartApiError ? error.walmartFailure.status : undefined;
		const unknownOutcome =
			error instanceof WalmartApiError &&
			(isUnknownOutcome(error.walmartFailure) ||
				(status !== undefined && status >= 200 && status < 300));
		if (!unknownOutcome) throw new NodeApiError(context.getNode(), error as JsonObject);
		const adopted = await readBackCreated(context, url, settings.events, secret);
		if (adopted === undefined) {
			throw new NodeApiError(
				context.getNode(),
				{ walmartSaid: reasonOf(error) },
				{
					message: 'Walmart did not confirm the notification subscriptions',
					description: `Walmart said: ${reasonOf(error)}. Its list read afterwards does not hold every chosen event for this address, so nothing was left subscribed; activate again.`,
				},
			);
		}
		created = adopted;
	}
	const subscriptions = settings.events.map((eventType) => {
		const match = created.find((subscription) => subscription.eventType === eventType);
		return match === undefined ? undefined : { eventType, subscriptionId: match.subscriptionId };
	});
	if (subscriptions.some((entry) => entry === undefined)) {
		await deleteAll(
			context,
			created.map((subscription) => subscription.subscriptionId),
		);
		throw new NodeApiError(
			context.getNode(),
			{ created: created.map((subscription) => subscription.eventType) },
			{
				message: 'Walmart did not create a subscription for every chosen event',
				description: `Asked for ${settings.events.join(', ')}; Walmart answered with ${created.map((subscription) => subscription.eventType).join(', ') || 'none'}. Nothing was left subscribed; activate again.`,
			},
		);
	}
	writeState(
		context,
		{
			url,
			authMethod: settings.authMethod,
			secret,
			events: settings.events,
			subscriptions: subscriptions as SubscriptionState['subscriptions'],
		},
		url,
	);

	if (context.getMode() === 'manual' && settings.sendTestNotification) {
		const [first] = requests;
		try {
			await sendTestNotification(context, {
				eventType: first.eventType,
				eventVersion: first.eventVersion,
				resourceName: first.resourceName,
				eventUrl: first.eventUrl,
				authDetails: first.authDetails,
				headers: first.headers,
			});
		} catch (error) {
			hideSecret(error, secret);
			// n8n does not call `delete` after a failed `create`, so clean up here.
			await deleteAll(
				context,
				(subscriptions as SubscriptionState['subscriptions']).map((entry) => entry.subscriptionId),
			);
			writeState(context, undefined, url);
			throw new NodeApiError(
				context.getNode(),
				{ walmartSaid: reasonOf(error) },
				{
					message: `Walmart could not deliver its test notification to ${shownUrl(url)}`,
					description: `Walmart said: ${reasonOf(error)}. The subscription was removed again. Check that Walmart can reach this address (a public HTTPS URL), or turn off Options → Send Test Notification When Listening.`,
				},
			);
		}
	}
	return true;
}

/** Deletes what this node created; a subscription Walmart no longer has is already gone. */
export async function removeSubscription(context: IHookFunctions): Promise<boolean> {
	// A test webhook that fired during `create` (Walmart's test notification) is torn down by n8n
	// before it holds the static data `create` wrote; this process still knows what it created.
	const url = context.getNodeWebhookUrl('default');
	const state =
		readState(context) ??
		(createdInProcess.get(nodeKey(context)) ?? []).find((created) => created.url === url);
	if (state === undefined) return true;
	const remaining = [...state.subscriptions];
	try {
		while (remaining.length > 0) {
			await deleteSubscription(context, remaining[0].subscriptionId);
			remaining.shift();
		}
	} catch (error) {
		writeState(context, { ...state, subscriptions: remaining }, state.url);
		throw new NodeApiError(
			context.getNode(),
			{ walmartSaid: reasonOf(error) },
			{
				message: 'Walmart did not delete the notification subscription',
				description: `Walmart said: ${reasonOf(error)}. Still subscribed: ${remaining.map((entry) => `${entry.eventType} (subscription ${entry.subscriptionId})`).join(', ')}. Walmart keeps sending those events to this address, where they are refused while the workflow is inactive. Activate and deactivate again, or delete them in Walmart.`,
			},
		);
	}
	writeState(context, undefined, state.url);
	return true;
}
