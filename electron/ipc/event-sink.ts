import { eventContract, type EventChannel, type EventPayload } from '../../shared/ipc/contract';

/** Delivers one validated event to the renderer (Electron's webContents, or a test page). */
export type EventDelivery = (channel: EventChannel, payload: unknown) => void;

export interface EventSink {
  emit<C extends EventChannel>(channel: C, payload: EventPayload<C>): void;
}

/** Validates each event against the contract before it leaves main, so the renderer never sees a malformed one. */
export function createEventSink(deliver: EventDelivery): EventSink {
  return {
    emit(channel, payload) {
      deliver(channel, eventContract[channel].parse(payload));
    },
  };
}
