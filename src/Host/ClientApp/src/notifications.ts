// The bell's count and the 通知 page agree: the page says when it has marked notices read, the bell asks again.
const changed = 'approvals:notifications-read';

export function announceNotificationsRead(): void {
  window.dispatchEvent(new Event(changed));
}

/** Calls back each time notices are marked read; returns the unsubscription. */
export function onNotificationsRead(callback: () => void): () => void {
  window.addEventListener(changed, callback);
  return () => window.removeEventListener(changed, callback);
}
