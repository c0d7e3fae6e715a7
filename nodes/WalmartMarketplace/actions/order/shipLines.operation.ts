import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { CARRIER_OPTIONS, METHOD_CODE_OPTIONS, OTHER_CARRIER } from '../../descriptions/carriers';
import { orderLineNumberField, simplifyOutput } from '../../descriptions/common.description';
import type { WalmartOrder } from '../../helpers/interfaces';
import { purchaseOrderIdParameter, readPurchaseOrderId } from '../../helpers/orderIds';
import { parseJsonList } from '../../helpers/parse';
import { simplifyOrder } from '../../helpers/simplify';
import {
	parseSellerOrderId,
	parseShipDate,
	trackingKey,
	unitsByTracking,
} from '../../helpers/tracking';
import type { LineOutcome, WriteBatch } from '../../helpers/writeRunner';
import { chunk, readWriteSettings, runWrite } from '../../helpers/writeRunner';
import {
	executeOnceNotice,
	optionBoolean,
	optionChoice,
	readChoice,
	readOptions,
	readSimplify,
	writeLockKey,
	writeSafetyOptions,
} from '../../helpers/writeOptions';
import type { ShipLineRequest } from '../../transport/api';
import { getOrder, shipOrderLinesRequest } from '../../transport/api';
import type { PackageDefaults, ShipInput } from './shipLines.plan';
import { parseDefaultTracking, parseRequestedPackages, planShip } from './shipLines.plan';

/** Walmart documents no line cap for shipping; 100 per request matches its cancel limit. */
const MAX_LINES_PER_SHIPMENT = 100;

const properties: INodeProperties[] = [
	executeOnceNotice,
	purchaseOrderIdParameter,
	{
		displayName: 'Lines to Ship',
		name: 'lineSelection',
		type: 'options',
		default: 'list',
		options: [
			{
				name: 'Chosen Lines',
				value: 'list',
				description:
					'The lines entered below, each with its quantity and, if it differs, its tracking number',
			},
			{
				name: 'All Open Lines',
				value: 'all',
				description:
					'Every unit still in Created or Acknowledged status, in one package with the tracking below',
			},
			{
				name: 'Lines From JSON',
				value: 'json',
				description: 'A list mapped from an earlier node, such as an ERP or storefront fulfilment',
			},
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
					orderLineNumberField,
					{
						displayName: 'Quantity',
						name: 'quantity',
						type: 'string',
						default: 'all',
						placeholder: 'all',
						description:
							'How many units of this line go in this package: a whole number, or "all" for every open unit. Units already shipped under the same tracking number count, so running the node again ships nothing more.',
					},
					{
						displayName: 'Tracking Number',
						name: 'trackingNumber',
						type: 'string',
						default: '',
						description:
							'This package’s tracking number; empty takes the Tracking Number below. To split a line over several packages, add the line once per tracking number.',
					},
				],
			},
		],
	},
	{
		displayName: 'Lines (JSON)',
		name: 'linesJson',
		type: 'json',
		default: '[{ "lineNumber": "1", "quantity": 1, "trackingNumber": "1Z999AA10123456784" }]',
		displayOptions: { show: { lineSelection: ['json'] } },
		description:
			'A list of packages: objects with lineNumber and quantity (or "all"), and optionally trackingNumber, carrier (or otherCarrier), methodCode, trackingURL and shipDateTime, each taking the field below when left out. A line split over several packages is listed once per tracking number.',
	},
	{
		displayName: 'Carrier',
		name: 'carrier',
		type: 'options',
		default: 'UPS',
		options: CARRIER_OPTIONS,
		description:
			'Walmart’s carrier, spelled exactly as Walmart lists it (in an expression too). For a carrier Walmart does not list, choose Other Carrier.',
	},
	{
		displayName: 'Other Carrier Name',
		name: 'otherCarrier',
		type: 'string',
		default: '',
		placeholder: 'Purolator',
		displayOptions: { show: { carrier: [OTHER_CARRIER] } },
		description: 'The carrier’s name. Walmart then needs the Tracking URL as well.',
	},
	{
		displayName: 'Method Code',
		name: 'methodCode',
		type: 'options',
		default: 'Standard',
		options: METHOD_CODE_OPTIONS,
		description: 'The shipping method, as Walmart names it (case-sensitive in expressions)',
	},
	{
		displayName: 'Tracking Number',
		name: 'trackingNumber',
		type: 'string',
		default: '',
		placeholder: '1Z999AA10123456784',
		description:
			'The package’s tracking number; lines without one of their own take it. Required for All Open Lines.',
	},
	{
		displayName: 'Tracking URL',
		name: 'trackingURL',
		type: 'string',
		default: '',
		placeholder: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
		description: 'The carrier’s tracking page; required with Other Carrier',
	},
	{
		displayName: 'Ship Date',
		name: 'shipDate',
		type: 'dateTime',
		default: '',
		description:
			'When the package left; empty means now. A date in the future (more than 5 minutes ahead) or before the order date is refused.',
	},
	simplifyOutput,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			...writeSafetyOptions('order'),
			{
				displayName: 'Lines That Cannot Be Shipped',
				name: 'ineligible',
				type: 'options',
				default: 'fail',
				options: [
					{
						name: 'Fail the Item, Ship Nothing',
						value: 'fail',
						description:
							'Safest: an unknown, cancelled or already shipped line, one with too few open units or one the customer asked to cancel stops the whole item before any request',
					},
					{
						name: 'Skip Them, Ship the Rest',
						value: 'skip',
						description: 'Report each such line as skipped with the reason, and ship the others',
					},
				],
			},
			{
				displayName: 'Seller Order ID',
				name: 'sellerOrderId',
				type: 'string',
				default: '',
				description:
					'Your own order number, printed on return labels (at most 30 characters). Empty sends the one Walmart has on the line, else the purchase order ID.',
			},
			{
				displayName: 'Ship Lines the Customer Asked to Cancel',
				name: 'intentToCancelOverride',
				type: 'boolean',
				default: false,
				description:
					'Whether to ship lines Walmart flags as intent-to-cancel: the customer asked to cancel them, and shipping them anyway charges the customer. Off, such lines are refused so that you can cancel them instead.',
			},
		],
	},
];

const displayOptions: IDisplayOptions = {
	show: {
		resource: ['order'],
		operation: ['shipLines'],
	},
};

export const description = updateDisplayOptions(displayOptions, properties);

function readInput(context: IExecuteFunctions, itemIndex: number, options: IDataObject): ShipInput {
	const now = Date.now();
	const parameter = (name: string) => context.getNodeParameter(name, itemIndex, '') as unknown;
	const carrier = parameter('carrier');
	const defaults: PackageDefaults = {
		carrier,
		otherCarrier: carrier === OTHER_CARRIER ? parameter('otherCarrier') : undefined,
		methodCode: parameter('methodCode'),
		trackingNumber: parameter('trackingNumber'),
		trackingURL: parameter('trackingURL'),
		shipDateTime: parseShipDate(parameter('shipDate'), '"Ship Date"', now, context.getTimezone()),
	};
	const selection = readChoice(
		context,
		'lineSelection',
		itemIndex,
		['list', 'all', 'json'],
		'Lines to Ship',
	);
	let packages: ShipInput['packages'];
	if (selection === 'all') {
		packages = {
			all: { tracking: parseDefaultTracking(defaults), shipDateTime: defaults.shipDateTime },
		};
	} else {
		const entries =
			selection === 'json'
				? parseJsonList(
						parameter('linesJson'),
						'Lines (JSON)',
						'[{"lineNumber": "1", "quantity": 1, "trackingNumber": "1Z999AA10123456784"}]',
					)
				: (((context.getNodeParameter('lines', itemIndex, {}) as IDataObject)?.line as
						| unknown[]
						| undefined) ?? []);
		packages = parseRequestedPackages(
			entries,
			selection === 'json',
			defaults,
			now,
			context.getTimezone(),
		);
	}
	return {
		packages,
		skipIneligible:
			optionChoice(options, 'ineligible', ['fail', 'skip'], 'Lines That Cannot Be Shipped') ===
			'skip',
		intentToCancelOverride: optionBoolean(
			options,
			'intentToCancelOverride',
			'Ship Lines the Customer Asked to Cancel',
		),
		sellerOrderId: parseSellerOrderId(options.sellerOrderId, '"Seller Order ID"'),
	};
}

function shipBatch(
	purchaseOrderId: string,
	lines: ShipLineRequest[],
	outcomes: LineOutcome[],
): WriteBatch<WalmartOrder> {
	return {
		lines: outcomes,
		request: shipOrderLinesRequest(purchaseOrderId, lines),
		isApplied: (before, now) => {
			const was = unitsByTracking(before);
			const is = unitsByTracking(now);
			return outcomes.every((line) => {
				const key = trackingKey(line.lineNumber, line.trackingNumber ?? '');
				return (is.get(key) ?? 0) - (was.get(key) ?? 0) >= (line.quantity ?? 0);
			});
		},
	};
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	// https://developer.walmart.com/us-marketplace/docs/ship-order-lines
	const purchaseOrderId = readPurchaseOrderId(this, i);
	const options = readOptions(this, i);
	const input = readInput(this, i, options);
	const simplify = readSimplify(this, i);
	const settings = readWriteSettings(this, options);
	const { key } = await writeLockKey(this, i, `order:${purchaseOrderId}`);

	// Shipping charges the customer and Walmart has no idempotency key: the tracking numbers
	// already on each line, read inside the write lock, are what keeps a re-run from shipping twice.
	return await runWrite<WalmartOrder>(
		this,
		i,
		key,
		{
			subject: { purchaseOrderId },
			done: 'shipped',
			stateKey: 'order',
			label: `purchase order ${purchaseOrderId}`,
			whereToCheck: `the shipments of purchase order ${purchaseOrderId} in Seller Center (Order Management)`,
			read: async () => await getOrder(this, purchaseOrderId, i),
			plan: (order) => {
				const plan = planShip(order, input);
				const batches = chunk(plan.toShip, MAX_LINES_PER_SHIPMENT).map((lines) => {
					const numbers = new Set(lines.map((line) => line.lineNumber));
					const outcomes = plan.planned.filter((line) => numbers.has(line.lineNumber));
					return shipBatch(purchaseOrderId, lines, outcomes);
				});
				return { batches, skipped: plan.skipped };
			},
			excess: (before, after, sent) => {
				const was = unitsByTracking(before);
				const is = unitsByTracking(after);
				const planned = new Map<string, number>();
				for (const batch of sent) {
					for (const line of batch.lines) {
						const packageKey = trackingKey(line.lineNumber, line.trackingNumber ?? '');
						planned.set(packageKey, (planned.get(packageKey) ?? 0) + (line.quantity ?? 0));
					}
				}
				// Only this run's tracking numbers: another package shipped meanwhile under a number
				// of its own is a different parcel, and Walmart's open quantity bounds the total.
				const problems: string[] = [];
				for (const [packageKey, expected] of planned) {
					const added = (is.get(packageKey) ?? 0) - (was.get(packageKey) ?? 0);
					if (added > expected) {
						const cut = packageKey.indexOf('|');
						problems.push(
							`line ${packageKey.slice(0, cut)} has ${added} more unit(s) shipped under tracking number ${packageKey.slice(cut + 1)} since this run read it, but this run shipped ${expected}`,
						);
					}
				}
				return problems;
			},
			render: (order) => (simplify ? simplifyOrder(order) : (order as unknown as IDataObject)),
		},
		settings,
	);
}
