import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { startupNoticeText, type StartupNotice } from '../../../shared/domain/startup-notice';
import { useAppStore } from '../store/app-store';

// One empty list for every render: a fresh [] from the selector would re-render forever.
const none: readonly StartupNotice[] = [];

/** What start-up moved aside (an unreadable secrets.json, inventory.json or run file) and what it kept. */
export function StartupNotices() {
  const notices = useAppStore((s) => s.appInfo?.startupNotices ?? none);
  if (notices.length === 0) return null;
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Some saved files could not be read and were moved aside</MessageBarTitle>
        <ul>
          {notices.map((notice) => (
            <li key={notice.movedTo}>{startupNoticeText(notice)}</li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
