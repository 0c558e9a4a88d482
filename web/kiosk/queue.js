// The kiosk's outbox in IndexedDB. Every rating is written here before it is sent, so a rating survives
// a lost network, a reload or a power cut. Each keeps its submissionId and its exact JSON, so a retry is
// the same request and the server stores it once. Refused ratings (409/422) move to 'rejected'.
const DB_NAME = 'hailong-kiosk';
const PENDING = 'pending';
const REJECTED = 'rejected';

let opening = null;

function open() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => {
        const db = request.result;
        db.createObjectStore(PENDING, { keyPath: 'submissionId' });
        db.createObjectStore(REJECTED, { keyPath: 'submissionId' });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => { opening = null; reject(request.error); };
    });
  }
  return opening;
}

async function run(stores, mode, work) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(stores, mode);
    let result;
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
    result = work(tx);
  });
}

const requestValue = (request) => new Promise((resolve, reject) => {
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
});

/** Keeps a rating to send: body is the exact JSON text that will go to the server, every time. */
export function enqueue(submissionId, body) {
  return run([PENDING], 'readwrite', (tx) => {
    tx.objectStore(PENDING).put({ submissionId, body, queuedAt: new Date().toISOString(), attempts: 0 });
  });
}

export async function pending() {
  const db = await open();
  const items = await requestValue(db.transaction(PENDING).objectStore(PENDING).getAll());
  return items.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}

export async function counts() {
  const db = await open();
  const tx = db.transaction([PENDING, REJECTED]);
  const [queued, rejected] = await Promise.all([
    requestValue(tx.objectStore(PENDING).count()),
    requestValue(tx.objectStore(REJECTED).count()),
  ]);
  return { queued, rejected };
}

export function remove(submissionId) {
  return run([PENDING], 'readwrite', (tx) => { tx.objectStore(PENDING).delete(submissionId); });
}

export function recordAttempt(item) {
  return run([PENDING], 'readwrite', (tx) => {
    tx.objectStore(PENDING).put({ ...item, attempts: item.attempts + 1, lastTriedAt: new Date().toISOString() });
  });
}

/** Moves a refused rating aside with the server's answer, for staff to look at; it is never retried. */
export function reject(item, status, answer) {
  return run([PENDING, REJECTED], 'readwrite', (tx) => {
    tx.objectStore(PENDING).delete(item.submissionId);
    tx.objectStore(REJECTED).put({ ...item, status, answer, rejectedAt: new Date().toISOString() });
  });
}

/**
 * Sends queued ratings oldest first until the queue is empty or the network or server fails.
 * send(item) resolves to {status, body, retryAfter} or rejects on a network error.
 * Resolves to {done: true} or {done: false, retryAfter} (seconds the server asked for, else 0).
 */
export async function flush(send) {
  for (const item of await pending()) {
    let answer;
    try {
      answer = await send(item);
    } catch {
      await recordAttempt(item);
      return { done: false, retryAfter: 0 };
    }
    if (answer.status === 200 || answer.status === 201) {
      await remove(item.submissionId);
    } else if (answer.status === 409 || answer.status === 422 || answer.status === 400 || answer.status === 413) {
      await reject(item, answer.status, answer.body);
    } else {
      // 401 (device revoked), 429, 5xx: keep it and try later.
      await recordAttempt(item);
      return { done: false, retryAfter: answer.retryAfter || 0, status: answer.status };
    }
  }
  return { done: true };
}
