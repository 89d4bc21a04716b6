"""Every sentence the bot says, in one place (HTML parse mode; user text always escaped)."""

from __future__ import annotations

import html
from collections.abc import Collection, Sequence
from datetime import datetime
from functools import partial

from bot.core.tickets import (
    Person,
    Refusal,
    Status,
    Ticket,
)
from bot.texts.details import households_reported, worker_of
from bot.texts.format import (
    echo,
    local_time,
    mention,
    shown,
)
from bot.texts.refusals import button_refusal, refusal
from bot.texts.verdicts import households_mentioned
from bot.texts.worklists import WorkTexts

__all__ = ["Texts", "handed_to"]


def handed_to(worker: Person) -> str:
    """`已派给 小李` (mentioned): what /assign in private did when it named a colleague."""
    return f"已派给 {mention(worker)}"


class Texts(WorkTexts):
    """Sentences that need the deployment's category names and time zone."""

    # -- intake -----------------------------------------------------------------------------
    def already_filed(self, ticket: Ticket) -> str:
        return f"这条已经登记为 {self.label(ticket)}，不用再登记。"

    def ack_created(self, ticket: Ticket) -> str:
        lines = [f"已受理 {self.label(ticket)}"]
        if ticket.urgent:
            lines.append("⚠️ 紧急情况已通知网格员优先处理；有危险请先拨打 119 / 110 / 120。")
        team = html.escape(ticket.team or "社区网格站", quote=False)
        lines.append(f"责任主体：{team}，网格员接单后会在群里告诉您。")
        return "\n".join(lines)

    def ack_merged(self, ticket: Ticket) -> str:
        """A report joined a ticket: how many households wait, and who is on it already (a
        resident saying again what she said last week learns it is in hand)."""
        told = households_reported(ticket, "已有 ")
        return f"已合并到 {self.label(ticket)}（{told}{_handling(ticket)}）"

    def ack_added(self, ticket: Ticket) -> str:
        """Words its reporter added to her own ticket ("补充：是2单元的"): not "merged" into it
        with "1 户反映" — herself."""
        return f"已记入您之前反映的 {self.label(ticket)}{_handling(ticket)}。"

    def ack_batch(
        self, items: Sequence[tuple[Ticket, bool, Person]], added: Collection[int] = ()
    ) -> str:
        """Several acknowledgements folded into one message (a burst in one group): each
        ticket once, as the latest report saw it, with whose reports it holds (mentioned);
        those in `added` (her words added to her ticket acknowledged already) as 已记入, not
        as if new."""
        lines = [f"已受理 {len(items)} 条反映："]
        once: dict[int, tuple[Ticket, bool, list[Person]]] = {}
        for ticket, first, author in items:
            _, was_first, authors = once.get(ticket.id, (ticket, False, []))
            if author not in authors:
                authors.append(author)
            once[ticket.id] = (ticket, first or was_first, authors)
        for ticket, first, authors in once.values():
            told = households_reported(ticket, "已有 ")
            suffix = "" if first else f"（合并，{told}{_handling(ticket)}）"
            suffix = "（已记入）" if ticket.id in added else suffix
            whose = "、".join(mention(a) for a in authors)
            lines.append(f"• {self.label(ticket)}{suffix} — {whose}")
        waiting = any(ticket.status is Status.OPEN for ticket, _, _ in once.values())
        lines.append(
            "网格员接单后会在群里告诉大家，可用 /list 查看。" if waiting else "可用 /list 查看。"
        )
        return "\n".join(lines)

    # -- worker actions -----------------------------------------------------------------------
    def assigned(self, ticket: Ticket, assignee: Person, by: Person | None = None) -> str:
        """Taken (`已由 小李 接单`), or handed on by a colleague (`已派给 小李 办理（小王 派单）`,
        `by`: who handed it)."""
        label, who = self.label(ticket), mention(assignee)
        if by is not None and by.id != assignee.id:
            return f"{label} 已派给 {who} 办理（{shown(by.name)} 派单）。"
        return f"{label} 已由 {who} 接单，正在办理。"

    def done(self, ticket: Ticket, reporters: Sequence[Person]) -> str:
        """The /done answer; it carries the 满意 / 基本满意 / 不满意 buttons."""
        lines = [f"✅ {self.label(ticket)} 已办结。"]
        if ticket.done_note:
            lines.append(f"办理结果：{echo(ticket.done_note, 200)}")
        if reporters:
            who = households_mentioned(reporters)
            lines.append(f"{who} 请看看问题是否已经解决，点下面的按钮评价。")
        return "\n".join(lines)

    def rated_reopened(self, ticket: Ticket, rater: Person) -> str:
        return (
            f"{mention(rater)} 评价不满意，{self.label(ticket)} "
            f"已重新交办给 {worker_of(ticket)}。\n"
            f"{mention(rater)} 可以直接回复本条消息说明原因。"
        )

    def unhappy_in_words(
        self, ticket: Ticket, rater: Person, reason: str, *, reopened: bool
    ) -> str:
        """不满意 told in words as a reply to the done notice: the words are the reason."""
        first = (
            f"{mention(rater)} 评价不满意，{self.label(ticket)} 已重新交办给 {worker_of(ticket)}。"
            if reopened
            else f"{mention(rater)} 也评价不满意，{self.label(ticket)} 正在重新办理。"
        )
        return f"{first}\n原因：{echo(reason, 300)}\n{worker_of(ticket)} 请跟进。"

    def verdict_pointer(self, ticket: Ticket) -> str:
        """A reporter replied to the done notice with words that give no verdict."""
        return (
            f"如果 {self.label(ticket)} 的问题已经解决，请点办结消息下面的按钮评价，"
            "或者直接回复“满意”“不满意”。问题还在的话，回复“没修好”并说一下情况。"
        )

    def how_to_reopen(self, ticket: Ticket) -> str:
        """A reporter says "没修好" of a ticket archived already (rated, or its window over)."""
        return (
            f"{self.label(ticket)} 已经办结归档，评价已结束。问题还在的话，"
            f"请发 /reopen {ticket.id} 并写上情况，网格员会重新办理。"
        )

    def where_it_stands(self, ticket: Ticket, now: datetime, note: str | None) -> str:
        """Where a ticket stands, for a resident who asked in words ("修好没有")."""
        since = local_time(ticket.created_at, self.tz, now)
        due = f"，办理时限 {local_time(ticket.due_at, self.tz, now)}" if ticket.due_at else ""
        result = f"（办理结果：{echo(ticket.done_note, 100)}）" if ticket.done_note else ""
        if ticket.status is Status.DONE:
            state = f"已办结{result}。问题还在的话，请说“没修好”并说一下情况"
        elif ticket.status is Status.CLOSED:
            state = f"已办结归档{result}。问题还在的话，请发 /reopen {ticket.id} 并写上情况"
        elif ticket.assignee_id is not None:
            state = f"{worker_of(ticket)} 已接单，正在办理{due}"
        else:
            state = f"还在等网格员接单{due}"
        overdue = "，已超过办理时限" if ticket.is_overdue(now) else ""
        overdue += "，已督办" if overdue and ticket.escalation_level else ""
        latest = f"\n    最新进展：{echo(note, 100)}" if note else ""
        return f"{self.label(ticket)}（{since} 受理）：{state}{overdue}。{latest}"

    def which_verdict(self, tickets: Sequence[Ticket]) -> str:
        """A verdict typed as a message of its own while several of hers wait for one."""
        labels = "、".join(self.label(ticket) for ticket in tickets)
        return (
            f"您有 {len(tickets)} 件诉求在等您评价：{labels}。"
            "请回复对应的办结消息说“满意”或“不满意”，或点那条消息下面的按钮。"
        )

    def rate_in_the_group(self, waiting: Sequence[tuple[Ticket, str]]) -> str:
        """Her verdict said to the bot in a private chat, while tickets of hers wait for one
        in their groups (each with its group's title)."""
        named = "、".join(
            f"{self.label(ticket)}（「{shown(title)}」）" for ticket, title in waiting
        )
        return (
            f"{named} 在等您评价。请回到群里，点那条办结消息下面的按钮，"
            "或者回复那条消息说“满意”“不满意”。"
        )

    def only_reporters_rate(self, ticket: Ticket) -> str:
        """Someone who did not report it said, in words, it is not fixed."""
        return (
            f"{self.label(ticket)} 由反映的住户评价。如果您这里的问题还在，"
            "请直接在群里说一下具体情况（比如“3栋电梯还是坏的”），会重新登记。"
        )

    def reason_forwarded(self, ticket: Ticket, rater: Person, reason: str) -> str:
        return (
            f"{self.label(ticket)} {mention(rater)} 补充不满意的原因：{echo(reason, 300)}\n"
            f"{worker_of(ticket)} 请跟进。"
        )

    def reopened(self, ticket: Ticket, actor: Person, reason: str | None) -> str:
        because = f"（原因：{echo(reason, 200)}）" if reason else ""
        return (
            f"{mention(actor)} 重新打开了 {self.label(ticket)}{because}，"
            f"{worker_of(ticket)} 请跟进。"
        )

    def restored(self, ticket: Ticket, actor: Person, reason: str | None) -> str:
        """A ticket withdrawn by mistake, back to work (/reopen of a cancelled one)."""
        because = f"（{echo(reason, 200)}）" if reason else ""
        return (
            f"{mention(actor)} 恢复了 {self.label(ticket)}{because}：撤销作废，"
            f"继续办理，{worker_of(ticket)} 请跟进。"
        )

    def cancelled(self, ticket: Ticket, actor: Person, reason: str | None) -> str:
        because = f"（{echo(reason, 200)}）" if reason else ""
        return f"{self.label(ticket)} 已撤销{because}。"

    def reread(self, ticket: Ticket) -> str:
        """A report edited before anyone took it: the ticket as the new words describe it."""
        return f"已按修改后的内容更新：{self.label(ticket)}。"

    def edited_away(self, ticket: Ticket) -> str:
        """Its only reporter edited the report into words that report nothing ("没事了")."""
        return f"看到您修改了反映内容。{self._how_to_withdraw(ticket)}"

    def edited_other(self, ticket: Ticket) -> str:
        """A report edited into another problem after its ticket was taken or joined."""
        return (
            f"看到您修改了反映内容。{self.label(ticket)} 仍按原来的问题办理；"
            "如果这是另一件事，请另发一条消息说一下，会单独登记。"
        )

    def said_its_over(self, ticket: Ticket) -> str:
        """Its only reporter said it is over ("算了不用了 我儿子换好了"), nobody took it yet."""
        return f"收到。{self._how_to_withdraw(ticket)}"

    def place_corrected(self, ticket: Ticket) -> str:
        """Its only reporter said the place wrong and corrected it ("说错了 是5栋不是3栋")."""
        return f"好的，地点已更正：{self.label(ticket)}。"

    def sent_by_mistake(self, ticket: Ticket) -> str:
        """Its only reporter said it was sent by mistake ("不好意思发错群了", "刚才那个不算")."""
        return (
            f"收到。如果 {self.label(ticket)} 是发错了，可以发 /cancel {ticket.id} 撤销；"
            "确实有这个问题的话不用管，网格员会继续办理。"
        )

    def _how_to_withdraw(self, ticket: Ticket) -> str:
        return (
            f"如果 {self.label(ticket)} 的问题已经解决，可以发 /cancel {ticket.id} 撤销；"
            "问题还在的话不用管，网格员会继续办理。"
        )

    def recategorised(self, ticket: Ticket) -> str:
        team = html.escape(ticket.team or "社区网格站", quote=False)
        return f"{self.label(ticket)} 类别已更正，责任主体：{team}。"

    def progress(self, ticket: Ticket, actor: Person, text: str) -> str:
        who = shown(actor.name)
        return f"📌 进展 {self.label(ticket)}：{echo(text, 500)}（{who}）"

    def told_in_group(
        self, ticket: Ticket, what: str, group_title: str | None, *, heard: bool = True
    ) -> str:
        """A worker's command in private, done: `好的，#12【电梯】 已办结，已在「3栋群」通知。`;
        not `heard` when the group removed the bot (the post waits for it to come back)."""
        where = f"「{shown(group_title)}」" if group_title else "群里"
        if not heard:
            return f"好的，{self.label(ticket)} {what}。机器人已不在{where}，重新加入后补发通知。"
        return f"好的，{self.label(ticket)} {what}，已在{where}通知。"

    def merged_into(self, into: Ticket, merged: Ticket) -> str:
        now = households_reported(into, "现有 ")
        return f"{self.label(into)} 合并了 #{merged.id} 的反映，{now}，一并办理。"

    def merged_away(self, into: Ticket, merged: Ticket, group_title: str | None) -> str:
        """To the group of a ticket merged into another group's: where it is handled now (a
        full-width bracket wants no space after it)."""
        where = f"（{shown(group_title)}）" if group_title else " "
        return (
            f"您反映的 #{merged.id} 已合并到 {self.label(into)}{where}一并办理，进展会在这里通知。"
        )

    # -- refusals -------------------------------------------------------------------------------
    def refusal(self, exc: Refusal, *, seen_in: int | None = None) -> str:
        """The polite answer to a command the rules of the loop refused (`seen_in`: the chat
        it is said in; a group a report was merged in from is not told the flat's number)."""
        return refusal(exc, partial(self.label, seen_in=seen_in))

    def button_refusal(
        self,
        exc: Refusal,
        *,
        judging: bool = False,
        chosen: str | None = None,
        seen_in: int | None = None,
    ) -> str:
        """The same, short enough for the alert under a button (`judging`: a 研判 button;
        `chosen`: the category a worker picked under 改类别)."""
        label_of = partial(self.label, seen_in=seen_in)
        return button_refusal(exc, label_of, judging=judging, chosen=chosen)


def _handling(ticket: Ticket) -> str:
    """`，小王 正在办理` for a ticket a worker has taken; "" otherwise."""
    if ticket.status is Status.ASSIGNED and ticket.assignee_name:
        return f"，{shown(ticket.assignee_name)} 正在办理"
    return ""
