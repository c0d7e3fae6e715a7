/**
 * Parameters and option fields every write shares, and the small readers that go with them.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../transport';
import { parseBoolean, parseChoice } from './parse';

export const executeOnceNotice: INodeProperties = {
	displayName:
		'This runs once for every input item. If the ID below is typed in rather than mapped from each item, turn on Settings → Execute Once, or it runs as many times as there are items.',
	name: 'executeOnceNotice',
	type: 'notice',
	default: '',
};

/** Dry Run, Request Timeout and Read-Back Window, shared by every write. */
export function writeSafetyOptions(subject: 'order' | 'return'): INodeProperties[] {
	return [
		{
			displayName: 'Dry Run',
			name: 'dryRun',
			type: 'boolean',
			default: false,
			description: `Whether to check everything against the live ${subject} and output the requests without sending them. When the node runs as an AI agent tool, this is on unless set to false.`,
		},
		{
			displayName: 'Read-Back Window (Seconds)',
			name: 'readBackSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 120,
			description: `When Walmart does not answer a write (timeout, dropped connection, 5xx), how long to keep reading the ${subject} back to see whether it was applied. A write still not visible then is reported as unconfirmed and never resent.`,
		},
		{
			displayName: 'Request Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60,
			description: 'How long to wait for Walmart to answer a write',
		},
	];
}

export function readChoice<T extends string>(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	allowed: readonly T[],
	field: string,
): T {
	return parseChoice(
		context.getNodeParameter(name, itemIndex, allowed[0]) as unknown,
		allowed,
		`"${field}"`,
		'node',
	);
}

export function readSimplify(context: IExecuteFunctions, itemIndex: number): boolean {
	return parseBoolean(
		context.getNodeParameter('simplify', itemIndex, true) as unknown,
		'Simplify',
		true,
	);
}

export function readOptions(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const options = context.getNodeParameter('options', itemIndex, {}) as unknown;
	return typeof options === 'object' && options !== null ? (options as IDataObject) : {};
}

/**
 * Writes for the same Walmart account and the same order wait for each other. The key names
 * the account by environment, base URL, market and client ID (never the secret).
 */
export async function writeLockKey(
	context: IExecuteFunctions,
	itemIndex: number,
	resource: string,
): Promise<{ key: string; market: string }> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE, itemIndex);
	const market = String(credentials.market ?? 'us');
	const account = [
		credentials.environment,
		credentials.environment === 'custom' ? credentials.customBaseUrl : '',
		market,
		String(credentials.clientId ?? '').trim(),
	].join('|');
	return { key: `${account}|${resource}`, market };
}

/** An options-collection choice: absent means the first (the safe default). */
export function optionChoice<T extends string>(
	options: IDataObject,
	name: string,
	allowed: readonly T[],
	field: string,
): T {
	return options[name] === undefined
		? allowed[0]
		: parseChoice(options[name], allowed, `"${field}"`, 'node');
}

export function optionBoolean(options: IDataObject, name: string, field: string): boolean {
	return parseBoolean(options[name], field, false);
}
