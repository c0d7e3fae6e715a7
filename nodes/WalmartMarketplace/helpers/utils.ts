import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toWalmartDate } from './dates';
import { parseBoolean, parseChoice, parseDigitsId, parsePositiveWholeNumber } from './parse';

type ParameterContext = IExecuteFunctions | IPollFunctions;

/** Reads a date-like parameter into Walmart's format, or fails naming the field before any call. */
export function dateParameter(
	context: ParameterContext,
	value: unknown,
	label: string,
	itemIndex: number,
): string {
	try {
		return toWalmartDate(value, context.getTimezone());
	} catch {
		throw new NodeOperationError(
			context.getNode(),
			`"${label}" is not a date: ${JSON.stringify(value)}`,
			{
				itemIndex,
				description: `Use a real calendar date in a form such as 2026-11-01, 2026-11-01T09:30:00Z or 2026-11-01T09:30:00+02:00, epoch seconds or milliseconds, pick a date in the date picker, or pass an expression such as {{ $now.minus({ days: 1 }) }}.`,
			},
		);
	}
}

export function assertOneOf(
	context: ParameterContext,
	value: unknown,
	allowed: readonly string[],
	label: string,
	itemIndex: number,
): string {
	const text = String(value ?? '').trim();
	if (allowed.includes(text)) return text;
	const close = allowed.find((option) => option.toLowerCase() === text.toLowerCase());
	throw new NodeOperationError(
		context.getNode(),
		`"${label}" has the value ${JSON.stringify(value)}, which Walmart does not accept`,
		{
			itemIndex,
			description: close
				? `Walmart is case-sensitive here: use "${close}".`
				: `Use one of: ${allowed.join(', ')}.`,
		},
	);
}

export function assertDateOrder(
	context: ParameterContext,
	start: string | undefined,
	end: string | undefined,
	labels: [string, string],
	itemIndex: number,
): void {
	if (start === undefined || end === undefined) return;
	if (Date.parse(start) > Date.parse(end)) {
		throw new NodeOperationError(
			context.getNode(),
			`"${labels[0]}" (${start}) is after "${labels[1]}" (${end})`,
			{ itemIndex, description: `Swap the two dates or widen the range.` },
		);
	}
}

export function trimmedString(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

export function toItems(data: IDataObject[]): INodeExecutionData[] {
	return data.map((json) => ({ json }));
}

/** Return All / Limit: undefined means every page. */
export function readLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = parseBoolean(
		context.getNodeParameter('returnAll', itemIndex, false) as unknown,
		'Return All',
		false,
	);
	if (returnAll) return undefined;
	return parsePositiveWholeNumber(
		context.getNodeParameter('limit', itemIndex, 50) as unknown,
		'"Limit"',
		'Enter a whole number such as 50, or switch Return All on.',
	);
}

/** An optional ID filter: blank is no filter, anything else must be a Walmart ID. */
export function idFilter(value: unknown, field: string, example: string): string | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		return undefined;
	}
	return parseDigitsId(value, field, { min: 6, max: 30 }, example);
}

/** The product/replacement info flags and the output shape of the order reads. */
export function orderReadQuery(options: IDataObject): {
	qs: IDataObject;
	output: 'order' | 'line';
} {
	const qs: IDataObject = {};
	if (parseBoolean(options.productInfo, 'Include Product Info', false)) qs.productInfo = 'true';
	if (parseBoolean(options.replacementInfo, 'Include Replacement Info', false)) {
		qs.replacementInfo = 'true';
	}
	const output =
		options.output === undefined
			? 'order'
			: parseChoice(options.output, ['order', 'line'], '"Output"', 'node');
	return { qs, output };
}
