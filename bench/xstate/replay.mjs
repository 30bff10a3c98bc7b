// Contender (b): one XState 5 machine (actor) per member, run with the machine's node.
//
//   node --expose-gc replay.mjs --check FILE --stream FILE [--repeat R]
//
// Same contract as the C++ contenders (bench/contender.h): the check stream once, untimed, then
// the timed stream R times from fresh actors created untimed (best pass by wall time, and the
// least CPU time); one line of JSON on stdout; exit 2
// on bad usage or an unreadable stream. The stream file is read and checked in full as
// bench/stream.h specifies, so the timed loop trusts every member and step.
//
// The machine is written as an XState user would: the member's steps are states done0..doneK, a
// STEP event carries its step, and a guard lets it through only when it is the next one. Any
// other event falls to the wildcard transition, which counts it as refused and changes nothing.
import { readFileSync, statSync } from 'node:fs';
import { createActor, createMachine } from 'xstate';

const kHeaderBytes = 64;
const kMaxSteps = 64;
// XState streams are small (it runs at a fraction of a million events per second); a larger file
// is a mistake, refused before it is read into memory.
const kMaxFileBytes = 256 * 1024 * 1024;

function fail(message) {
  process.stderr.write(`xstate: ${message}\n`);
  process.exit(2);
}

function stepBitsFor(steps) {
  return steps <= 2 ? 1 : 32 - Math.clz32(steps - 1);
}

// Reads and checks a stream file; the messages match bench/stream_file.cpp's.
function readStream(path) {
  let size;
  try {
    size = statSync(path).size;
  } catch (e) {
    fail(`${path}: cannot open: ${e.message}`);
  }
  if (size > kMaxFileBytes) fail(`${path}: expected at most ${kMaxFileBytes} bytes for XState, found ${size}`);
  const bytes = readFileSync(path);
  const where = (offset, what) => fail(`${path}: byte ${offset}: ${what}`);
  if (bytes.length < kHeaderBytes) where(bytes.length, `expected a ${kHeaderBytes}-byte header, found the end of the file`);
  if (bytes.toString('latin1', 0, 8) !== 'LKSTRM01') where(0, 'expected the magic "LKSTRM01" of a benchmark stream');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const steps = view.getUint32(8, true);
  const stepBits = view.getUint32(12, true);
  const members = Number(view.getBigUint64(16, true));
  const events = Number(view.getBigUint64(24, true));
  const expectedAccepted = Number(view.getBigUint64(48, true));
  const expectedRefused = Number(view.getBigUint64(56, true));
  if (steps < 1 || steps > kMaxSteps) where(8, `expected a step count from 1 to ${kMaxSteps}, found ${steps}`);
  if (stepBits !== stepBitsFor(steps)) where(12, `expected ${stepBitsFor(steps)} step bits for ${steps} steps, found ${stepBits}`);
  if (members > 2 ** (32 - stepBits)) where(16, `expected at most ${2 ** (32 - stepBits)} members, found ${members}`);
  const body = bytes.length - kHeaderBytes;
  if (body % 4 !== 0 || events !== body / 4) where(24, `expected an event count matching the ${body} bytes after the header, found ${events}`);
  if (view.getUint32(40, true) > 1_000_000) where(40, 'expected a rate of at most 1000000 per million');
  if (view.getUint32(44, true) !== 0) where(44, 'expected zero (reserved)');
  if (expectedAccepted > events || expectedRefused !== events - expectedAccepted) where(48, `expected accepted and refused counts adding up to ${events} events`);
  const words = new Uint32Array(events);
  const stepMask = (1 << stepBits) - 1;
  let previous = 0;
  for (let i = 0; i < events; i++) {
    const e = view.getUint32(kHeaderBytes + 4 * i, true);
    const member = e >>> stepBits;
    const step = e & stepMask;
    const offset = kHeaderBytes + 4 * i;
    if (member >= members) where(offset, `expected a member below ${members}, found member ${member}`);
    if (step >= steps) where(offset, `expected a step below ${steps}, found step ${step}`);
    if (member < previous) where(offset, `expected member-ordered events, found member ${member} after member ${previous}`);
    previous = member;
    words[i] = e;
  }
  return { path, steps, stepBits, members, events: words };
}

// The counters the machine's actions bump; reset before each pass.
const counts = { accepted: 0, refused: 0 };

function memberMachine(steps) {
  const accept = () => { counts.accepted++; };
  const refuse = () => { counts.refused++; };
  const states = {};
  for (let done = 0; done <= steps; done++) {
    const on = { '*': { actions: refuse } };
    if (done < steps) {
      on.STEP = { guard: ({ event }) => event.step === done, target: `done${done + 1}`, actions: accept };
    }
    states[`done${done}`] = { on };
  }
  return createMachine({ id: 'member', initial: 'done0', states });
}

// Fresh started actors for every member, untimed, as a loaded roster would have.
function prepare(machine, stream) {
  const actors = new Array(stream.members);
  for (let m = 0; m < stream.members; m++) actors[m] = createActor(machine).start();
  return actors;
}

function replay(actors, stream, stepEvents) {
  counts.accepted = 0;
  counts.refused = 0;
  const events = stream.events;
  const shift = stream.stepBits;
  const mask = (1 << shift) - 1;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    actors[e >>> shift].send(stepEvents[e & mask]);
  }
  return { accepted: counts.accepted, refused: counts.refused };
}

function measure(stream, repetitions) {
  const machine = memberMachine(stream.steps);
  const stepEvents = Array.from({ length: stream.steps }, (_, step) => ({ type: 'STEP', step }));
  let best = Infinity;
  let bestCpu = Infinity;
  let first = null;
  let stateBytes = 0;
  for (let r = 0; r < repetitions; r++) {
    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let actors = prepare(machine, stream);
    globalThis.gc?.();
    stateBytes = Math.max(0, Math.round((process.memoryUsage().heapUsed - heapBefore) / Math.max(1, stream.members)));
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    const c = replay(actors, stream, stepEvents);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const cpu = process.cpuUsage(cpuStart);
    // The process's CPU time: it includes the garbage collector's helper threads, which XState's
    // allocations keep busy.
    bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1e6);
    actors = null;
    if (first === null) first = c;
    else if (c.accepted !== first.accepted || c.refused !== first.refused) {
      fail(`pass ${r + 1} accepted ${c.accepted} and refused ${c.refused}, but pass 1 accepted ${first.accepted} and refused ${first.refused}`);
    }
    best = Math.min(best, seconds);
  }
  return { counts: first, best, bestCpu, stateBytes };
}

function parseOptions(argv) {
  const options = { check: '', stream: '', repeat: 5 };
  const usage = 'usage: node replay.mjs --check FILE --stream FILE [--repeat R]';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!['--check', '--stream', '--repeat'].includes(arg)) fail(`unknown option '${arg}'\n${usage}`);
    if (i + 1 === argv.length) fail(`${arg} needs a value\n${usage}`);
    const value = argv[++i];
    if (arg === '--repeat') {
      if (!/^[0-9]+$/.test(value) || Number(value) < 1 || Number(value) > 1000) {
        fail(`--repeat expects a whole number from 1 to 1000, not '${value}'`);
      }
      options.repeat = Number(value);
    } else {
      options[arg.slice(2)] = value;
    }
  }
  if (!options.check || !options.stream) fail(`both --check FILE and --stream FILE are required\n${usage}`);
  return options;
}

const options = parseOptions(process.argv.slice(2));
const countsOn = (stream, c) => ({
  stream: stream.path, members: stream.members, events: stream.events.length,
  accepted: c.accepted, refused: c.refused,
});
const check = readStream(options.check);
const checked = measure(check, 1);
const stream = readStream(options.stream);
const timed = measure(stream, options.repeat);
const out = {
  contender: 'xstate',
  check: countsOn(check, checked.counts),
  ...countsOn(stream, timed.counts),
  repetitions: options.repeat,
  best_s: timed.best,
  best_cpu_s: timed.bestCpu,
  events_per_s: timed.best > 0 ? stream.events.length / timed.best : 0,
  state_bytes_per_member: timed.stateBytes,
  peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
};
process.stdout.write(`${JSON.stringify(out)}\n`);
