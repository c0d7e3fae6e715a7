import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toWalmartDate } from './dates';

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
				description: `Use a form such as 2026-11-01 or 2026-11-01T09:30:00Z, pick a date in the date picker, or pass an expression such as {{ $now.minus({ days: 1 }) }}.`,
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
