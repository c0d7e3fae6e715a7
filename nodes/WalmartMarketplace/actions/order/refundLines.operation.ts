import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { orderLineNumberField, simplifyOutput } from '../../descriptions/common.description';
import {
	CHARGE_TYPE_OPTIONS,
	REFUND_REASON_OPTIONS,
	REFUND_REASONS,
} from '../../descriptions/reasons';
import type { WalmartOrder } from '../../helpers/interfaces';
import { purchaseOrderIdParameter, readPurchaseOrderId } from '../../helpers/orderIds';
import { parseJsonList } from '../../helpers/parse';
import { simplifyOrder } from '../../helpers/simplify';
import type { WriteBatch } from '../../helpers/writeRunner';
import {
	chunk,
	findExcess,
	plannedTotals,
	readWriteSettings,
	runWrite,
} from '../../helpers/writeRunner';
import { formatCents } from '../../helpers/money';
import {
	executeOnceNotice,
	optionBoolean,
	readChoice,
	readOptions,
	readSimplify,
	writeLockKey,
	writeSafetyOptions,
} from '../../helpers/writeOptions';
import type { RefundLineRequest } from '../../transport/api';
import { getOrder, refundOrderLinesRequest } from '../../transport/api';
import {
	mostRefundableCents,
	parseRequestedRefund,
	planRefund,
	refundedCents,
} from './refundLines.plan';

/** Walmart documents no line cap for refunds; 100 per request matches its cancel limit. */
const MAX_LINES_PER_REFUND = 100;

const reasonField: INodeProperties = {
	displayName: 'Refund Reason',
	name: 'reason',
	type: 'options',
	default: 'CustomerChangedMind',
	options: REFUND_REASON_OPTIONS,
	description: 'Walmart’s refund reason, spelled exactly as Walmart expects',
};

const commentsField: INodeProperties = {
	displayName: 'Comments',
	name: 'comments',
	type: 'string',
	default: '',
	description: 'Shown with the refund in Seller Center',
};

const properties: INodeProperties[] = [
	executeOnceNotice,
	purchaseOrderIdParameter,
	{
		displayName: 'Refund Type',
		name: 'refundType',
		type: 'options',
		default: 'partial',
		options: [
			{
				name: 'Amounts per Line',
				value: 'partial',
				description: 'Refund chosen amounts of the product or shipping charge of each line',
			},
			{
				name: 'Full Refund of Lines',
				value: 'full',
				description:
					'Refund everything left on each chosen line: product and shipping charges with their tax',
			},
		],
		description:
			'Walmart refuses requests that mix full and partial refunds, so each run is one or the other',
	},
	{
		displayName: 'Lines Input',
		name: 'linesInput',
		type: 'options',
		default: 'ui',
		options: [
			{ name: 'Fields Below', value: 'ui' },
			{
				name: 'JSON',
				value: 'json',
				description: 'A list mapped from an earlier node, such as an ERP credit note',
			},
		],
	},
	{
		displayName: 'Refund Lines',
		name: 'refundLines',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Refund Line',
		default: {},
		displayOptions: { show: { refundType: ['partial'], linesInput: ['ui'] } },
		options: [
			{
				name: 'line',
				displayName: 'Refund Line',
				values: [
					orderLineNumberField,
					{
						displayName: 'Charge Type',
						name: 'chargeType',
						type: 'options',
						default: 'PRODUCT',
						options: CHARGE_TYPE_OPTIONS,
					},
					{
						displayName: 'Amount',
						name: 'amount',
						type: 'number',
						typeOptions: { numberPrecision: 2 },
						default: 0,
						description:
							'Amount to refund before tax. Positive or negative, it is sent negative as Walmart requires.',
					},
					{
						displayName: 'Tax Amount',
						name: 'taxAmount',
						type: 'number',
						typeOptions: { numberPrecision: 2 },
						default: 0,
						description: 'Tax to refund on this charge, positive or negative; 0 refunds no tax',
					},
					reasonField,
					commentsField,
				],
			},
		],
	},
	{
		displayName: 'Lines',
		name: 'fullRefundLines',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Line',
		default: {},
		displayOptions: { show: { refundType: ['full'], linesInput: ['ui'] } },
		options: [
			{
				name: 'line',
				displayName: 'Line',
				values: [orderLineNumberField, reasonField, commentsField],
			},
		],
	},
	{
		displayName: 'Lines (JSON)',
		name: 'linesJson',
		type: 'json',
		default:
			'[{ "lineNumber": "1", "chargeType": "PRODUCT", "amount": 10, "taxAmount": 0.8, "reason": "DamagedItem" }]',
		displayOptions: { show: { linesInput: ['json'] } },
		description:
			'A list of objects with lineNumber, reason and, for amounts per line, chargeType, amount and taxAmount; comments and currency are optional',
	},
	simplifyOutput,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Allow Repeat Refunds',
				name: 'allowRepeat',
				type: 'boolean',
				default: false,
				description:
					'Whether to send a refund even when the line already has one with the same charge type, amount and reason. Off, a re-run or retry of the same refund is skipped.',
			},
			...writeSafetyOptions('order'),
		],
	},
];

const displayOptions: IDisplayOptions = {
	show: {
		resource: ['order'],
		operation: ['refundLines'],
	},
};

export const description = updateDisplayOptions(displayOptions, properties);

function readLines(context: IExecuteFunctions, itemIndex: number, full: boolean) {
	const input = readChoice(context, 'linesInput', itemIndex, ['ui', 'json'], 'Lines Input');
	const entries =
		input === 'json'
			? parseJsonList(
					context.getNodeParameter('linesJson', itemIndex, '[]') as unknown,
					'Lines (JSON)',
					'[{"lineNumber": "1", "chargeType": "PRODUCT", "amount": 10, "reason": "DamagedItem"}]',
				)
			: (((
					context.getNodeParameter(
						full ? 'fullRefundLines' : 'refundLines',
						itemIndex,
						{},
					) as IDataObject
				)?.line as unknown[] | undefined) ?? []);
	return entries.map((entry, position) =>
		parseRequestedRefund(entry, position, full, REFUND_REASONS),
	);
}

function refundBatch(
	purchaseOrderId: string,
	currency: string,
	lines: RefundLineRequest[],
): WriteBatch<WalmartOrder> {
	const charges = lines.flatMap((line) =>
		line.charges.map((charge) => ({
			lineNumber: line.lineNumber,
			full: line.isFullRefund,
			charge,
		})),
	);
	return {
		lines: charges.map(({ lineNumber, full, charge }) => ({
			lineNumber,
			outcome: 'planned',
			chargeType: charge.chargeType,
			amount: -charge.amountCents / 100,
			taxAmount: -charge.taxCents / 100,
			reason: charge.reason,
			...(full ? { message: 'full refund' } : {}),
		})),
		request: refundOrderLinesRequest(purchaseOrderId, currency, lines),
		isApplied: (before, now) => {
			const was = refundedCents(before);
			const is = refundedCents(now);
			return charges.every(({ lineNumber, charge }) => {
				const key = `${lineNumber} ${charge.chargeType}`;
				return (is.get(key) ?? 0) - (was.get(key) ?? 0) >= charge.amountCents;
			});
		},
	};
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	// https://developer.walmart.com/us-marketplace/docs/refund-orders
	const purchaseOrderId = readPurchaseOrderId(this, i);
	const full = readChoice(this, 'refundType', i, ['partial', 'full'], 'Refund Type') === 'full';
	const lines = readLines(this, i, full);
	const options = readOptions(this, i);
	const allowRepeat = optionBoolean(options, 'allowRepeat', 'Allow Repeat Refunds');
	const simplify = readSimplify(this, i);
	const settings = readWriteSettings(this, options);
	const { key } = await writeLockKey(this, i, `order:${purchaseOrderId}`);

	// The order's refund history is the only protection against a double refund: Walmart has
	// no idempotency key. It is read inside the write lock, never taken from an earlier node.
	return await runWrite<WalmartOrder>(
		this,
		i,
		key,
		{
			subject: { purchaseOrderId },
			done: 'refunded',
			stateKey: 'order',
			label: `purchase order ${purchaseOrderId}`,
			whereToCheck: `the refunds of purchase order ${purchaseOrderId} in Seller Center (Order Management)`,
			read: async () => await getOrder(this, purchaseOrderId, i),
			plan: (order) => {
				const plan = planRefund(order, { full, lines, allowRepeat });
				const batches = chunk(plan.toSend, MAX_LINES_PER_REFUND).map((lines) =>
					refundBatch(purchaseOrderId, plan.currency, lines),
				);
				return { batches, skipped: plan.skipped };
			},
			excess: (before, after, sent) => {
				// A full refund may take more than planned under the other reading of chargeAmount,
				// but never more than Walmart could have charged.
				const ceiling = mostRefundableCents(before);
				const chargeKey = (line: { lineNumber: string; chargeType?: string }) =>
					`${line.lineNumber} ${line.chargeType}`;
				const allowed = plannedTotals(sent, chargeKey, (line) =>
					full ? (ceiling.get(chargeKey(line)) ?? 0) : Math.round(-(line.amount ?? 0) * 100),
				);
				return findExcess(
					refundedCents(before),
					refundedCents(after),
					allowed,
					(key, added, planned) =>
						`line ${key} was refunded ${formatCents(added)} since this run read it, but this run sent ${formatCents(planned)}`,
				);
			},
			render: (order) => (simplify ? simplifyOrder(order) : (order as unknown as IDataObject)),
		},
		settings,
	);
}
