import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyOutput } from '../../descriptions/common.description';
import type { WalmartReturnOrder } from '../../helpers/interfaces';
import { InputError, parseDigitsId } from '../../helpers/parse';
import { simplifyReturn } from '../../helpers/simplify';
import { findExcess, plannedTotals, readWriteSettings, runWrite } from '../../helpers/writeRunner';
import {
	executeOnceNotice,
	readChoice,
	readOptions,
	readSimplify,
	writeLockKey,
	writeSafetyOptions,
} from '../../helpers/writeOptions';
import { findReturn, refundReturnRequest } from '../../transport/api';
import { parseRequestedReturnRefunds, planReturnRefund, refundedByLine } from './refund.plan';

const properties: INodeProperties[] = [
	executeOnceNotice,
	{
		displayName: 'Return Order ID',
		name: 'returnOrderId',
		type: 'string',
		required: true,
		default: '',
		description: 'The return order ID (RMA number), as returnOrderId in Get Many returns',
	},
	{
		displayName: 'Customer Order ID',
		name: 'customerOrderId',
		type: 'string',
		default: '',
		description: 'Leave empty to take it from the return itself',
	},
	{
		displayName: 'Lines to Refund',
		name: 'lineSelection',
		type: 'options',
		default: 'all',
		options: [
			{
				name: 'All Refundable Lines',
				value: 'all',
				description: 'Every return line with quantity not yet refunded',
			},
			{ name: 'Chosen Lines', value: 'list' },
		],
	},
	{
		displayName: 'Lines',
		name: 'lines',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Line',
		default: {},
		displayOptions: { show: { lineSelection: ['list'] } },
		options: [
			{
				name: 'line',
				displayName: 'Line',
				values: [
					{
						displayName: 'Return Line Number',
						name: 'returnOrderLineNumber',
						type: 'string',
						default: '',
						placeholder: '1',
					},
					{
						displayName: 'Quantity',
						name: 'quantity',
						type: 'string',
						default: 'all',
						placeholder: 'all',
						description:
							'How many units of this return line should end up refunded: a whole number, or "all" for every returned unit. Units already refunded count, so running the node again refunds nothing more.',
					},
				],
			},
		],
	},
	simplifyOutput,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: writeSafetyOptions('return'),
	},
];

const displayOptions: IDisplayOptions = {
	show: {
		resource: ['return'],
		operation: ['refund'],
	},
};

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	// https://developer.walmart.com/us-marketplace/docs/issue-a-refund
	const returnOrderId = parseDigitsId(
		this.getNodeParameter('returnOrderId', i, '') as unknown,
		'Return Order ID',
		{ min: 6, max: 30 },
		'103738048909818825',
	);
	const rawCustomerOrderId = this.getNodeParameter('customerOrderId', i, '') as unknown;
	const customerOrderId =
		rawCustomerOrderId === '' || rawCustomerOrderId === undefined || rawCustomerOrderId === null
			? undefined
			: parseDigitsId(
					rawCustomerOrderId,
					'Customer Order ID',
					{ min: 6, max: 30 },
					'1535274411287',
				);
	const selection = readChoice(this, 'lineSelection', i, ['all', 'list'], 'Lines to Refund');
	const wanted =
		selection === 'all'
			? ('all' as const)
			: parseRequestedReturnRefunds(
					((this.getNodeParameter('lines', i, {}) as IDataObject)?.line as unknown[] | undefined) ??
						[],
				);
	const options = readOptions(this, i);
	const simplify = readSimplify(this, i);
	const settings = readWriteSettings(this, options);
	const { key } = await writeLockKey(this, i, `return:${returnOrderId}`);

	const read = async (): Promise<WalmartReturnOrder> => {
		const found = await findReturn(this, returnOrderId, i);
		if (!found) {
			throw new InputError(
				`Return ${returnOrderId} was not found`,
				'Check the return order ID and the credential’s environment.',
			);
		}
		return found;
	};
	return await runWrite<WalmartReturnOrder>(
		this,
		i,
		key,
		{
			subject: { returnOrderId },
			done: 'refunded',
			stateKey: 'return',
			label: `return ${returnOrderId}`,
			whereToCheck: `return ${returnOrderId} in Seller Center (Returns)`,
			read,
			plan: (returnOrder) => {
				if (customerOrderId !== undefined && customerOrderId !== returnOrder.customerOrderId) {
					throw new InputError(
						`Return ${returnOrderId} belongs to customer order ${returnOrder.customerOrderId}, not ${customerOrderId}`,
						'Leave Customer Order ID empty to use the return’s own, or correct it.',
					);
				}
				const plan = planReturnRefund(returnOrder, wanted);
				if (plan.toRefund.length === 0) return { batches: [], skipped: plan.skipped };
				const lines = plan.toRefund;
				return {
					skipped: plan.skipped,
					batches: [
						{
							lines: lines.map((line) => ({
								lineNumber: String(line.returnOrderLineNumber),
								outcome: 'planned',
								quantity: line.quantity,
							})),
							request: refundReturnRequest(returnOrderId, returnOrder.customerOrderId, lines),
							isApplied: (before, now) => {
								const was = refundedByLine(before);
								const is = refundedByLine(now);
								return lines.every((line) => {
									const lineKey = String(line.returnOrderLineNumber);
									return (is.get(lineKey) ?? 0) - (was.get(lineKey) ?? 0) >= line.quantity;
								});
							},
						},
					],
				};
			},
			excess: (before, after, sent) =>
				findExcess(
					refundedByLine(before),
					refundedByLine(after),
					plannedTotals(
						sent,
						(line) => line.lineNumber,
						(line) => line.quantity ?? 0,
					),
					(lineNumber, added, planned) =>
						`return line ${lineNumber} has ${added} more unit(s) refunded since this run read it, but this run refunded ${planned}`,
				),
			render: (returnOrder) =>
				simplify ? simplifyReturn(returnOrder) : (returnOrder as unknown as IDataObject),
		},
		settings,
	);
}
