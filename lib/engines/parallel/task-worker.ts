import { parentPort } from 'node:worker_threads';
import { runTask, toTaskError, TRANSFERRED_TASKS, type EngineTaskKind, type TaskReply, type TaskRequest } from './tasks';
import { transferableBuffers } from './transferable-buffers';

// A thread of the engine thread pool (thread-pool.ts): runs one task at a time and posts its answer.
const port = parentPort;
if (!port) throw new Error('task-worker must run as a worker thread');

port.on('message', ({ id, kind, input }: TaskRequest) => {
  let reply: TaskReply;
  try {
    reply = { id, ok: true, value: runTask(kind as EngineTaskKind, input as never) };
  } catch (error) {
    reply = { id, ok: false, error: toTaskError(error) };
  }
  port.postMessage(reply, reply.ok && TRANSFERRED_TASKS.has(kind) ? transferableBuffers(reply.value) : []);
});
