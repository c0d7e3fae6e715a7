// @ts-check
'use strict';

/**
 * Runs one long install command and prints a heartbeat line every 30 seconds while it runs:
 * what is running, how long so far, how long it took when measured, and how far it got. The
 * runtime install (scripts/lib/runtime.js) is synchronous, because `npm start` and the tests call
 * it from synchronous code, so it runs this file as a child process with spawnSync: here the
 * command runs asynchronously and the timer can fire.
 *
 * Usage: node scripts/lib/progress.js '<HeartbeatSpec as JSON>'; exits with the command's code.
 * WALMART_RUNTIME_HEARTBEAT_MS shortens the interval (the tests use it).
 */

const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

/**
 * @typedef {object} HeartbeatSpec
 * @property {string} command
 * @property {string[]} args
 * @property {string} cwd
 * @property {string} label what is running, e.g. "installing n8n 2.41.1"
 * @property {number} [measuredSeconds] how long it took when measured, for the reader to compare
 * @property {string} [countPackagesIn] a node_modules folder whose package count shows progress
 * @property {number} [expectedPackages] about how many top-level packages it ends with
 */

/** @param {number} seconds */
function duration(seconds) {
	const rounded = Math.round(seconds);
	const minutes = Math.floor(rounded / 60);
	return minutes ? `${minutes}m ${String(rounded % 60).padStart(2, '0')}s` : `${rounded}s`;
}

/**
 * Top-level packages in a node_modules folder (scoped ones counted one by one). npm unpacks into
 * it as the install goes, so the count rises from 0 once the dependency tree is resolved.
 * @param {string} folder
 */
function countPackages(folder) {
	let count = 0;
	let entries;
	try {
		entries = fs.readdirSync(folder);
	} catch {
		return 0;
	}
	for (const entry of entries) {
		if (entry.startsWith('.')) continue;
		if (!entry.startsWith('@')) {
			count += 1;
			continue;
		}
		try {
			count += fs.readdirSync(path.join(folder, entry)).length;
		} catch {
			// A scope folder removed while reading: nothing to count.
		}
	}
	return count;
}

/**
 * @param {HeartbeatSpec} spec
 * @param {number} started
 */
function heartbeat(spec, started) {
	const parts = [`still ${spec.label}: ${duration((Date.now() - started) / 1000)} so far`];
	if (spec.measuredSeconds) {
		parts.push(`it took ${duration(spec.measuredSeconds)} when measured`);
	}
	if (spec.countPackagesIn) {
		const count = countPackages(spec.countPackagesIn);
		parts.push(
			count === 0
				? 'npm is still resolving the dependency tree'
				: `${count.toLocaleString('en-US')} of about ${(spec.expectedPackages ?? 0).toLocaleString('en-US')} packages unpacked`,
		);
	}
	return `[runtime]   … ${parts.join('; ')}`;
}

/**
 * @param {HeartbeatSpec} spec
 * @returns {Promise<number>} the command's exit code (1 when it died of a signal)
 */
function runWithHeartbeat(spec) {
	const started = Date.now();
	const intervalMs = Number(process.env.WALMART_RUNTIME_HEARTBEAT_MS) || 30_000;
	return new Promise((resolve, reject) => {
		const child = spawn(spec.command, spec.args, {
			cwd: spec.cwd,
			env: process.env,
			stdio: ['ignore', 'inherit', 'inherit'],
		});
		const timer = setInterval(() => {
			process.stderr.write(`${heartbeat(spec, started)}\n`);
		}, intervalMs);
		child.once('error', (error) => {
			clearInterval(timer);
			reject(error);
		});
		child.once('exit', (code) => {
			clearInterval(timer);
			resolve(code ?? 1);
		});
	});
}

module.exports = { duration, countPackages, heartbeat };

if (require.main === module) {
	/** @type {HeartbeatSpec} */
	const spec = JSON.parse(process.argv[2] ?? '{}');
	runWithHeartbeat(spec).then(
		(code) => process.exit(code),
		(error) => {
			process.stderr.write(`[runtime] could not run ${spec.command}: ${error.message}\n`);
			process.exit(1);
		},
	);
}
