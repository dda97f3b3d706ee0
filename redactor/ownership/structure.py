"""The structure of a page, read once and shared by every decision on whose a mark or a value is.

From the page's text (a text layer, OCR lines -- a run of characters with a box each) it reads:

- **labels**: every form label with its role (``labels.find_labels``, the lexicon's grammar), on lines and on
  labels printed one character under the other (推 / 荐 / 专 / 家 down a narrow cell);
- **blocks**: the regions a heading gives to a role -- 推荐人(一) or 家庭主要成员及重要社会关系 opens a block of
  another person's, 被推荐人 one of the applicant's; a block runs down to the next heading (a heading printed
  down a narrow cell holds the rows beside it), and the last block of a page goes on at the top of the next;
- **subject**: where the page says whose it is -- the value of its 姓名 cell, the holder after 兹证明 / before 同志;
  the caller says whose name is printed there (the applicant's removed name, or someone else's kept one);
- **issuer**: where a certificate or letter names the body it speaks for -- the line signed above its date, the
  value after 发证机关.

Profile-free and decision-free: which of the names are the applicant's is the caller's to say (policy from its
decisions, the final check from the audit's records).  Geometry only in PDF points.

A page scanned sideways or upside down (its text running down, up or right to left) is read in its **reading
frame** (``Frame``): the runs are turned so that their text runs left to right, the structure is read there, and
every box it holds is turned back to the page's own points.  What depends on direction -- a label left of a stamp,
above a photo, the top of the page -- the decisions judge in the frame too (``PageStructure.frame.up``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from redactor.model import BBox
from redactor.normalize import is_cjk, unalias_cjk
from redactor.rects import reading_direction
from redactor.variants.gazetteers import COMMON_SURNAMES, COMPOUND_SURNAMES
from redactor.variants.rival_orgs import printed_org_names
from redactor.ownership.labels import LabelHit, find_labels, read_role
from redactor.ownership.lexicon import Kind, Lexicon, Owner, lexicon, norm_label

__all__ = ["TextRun", "Block", "Carry", "Frame", "PageStructure", "reading_frame", "read_page", "read_document",
           "runs_from_chars", "carry_of"]

_DATE = re.compile(r"[0-9０-９〇零一二三四五六七八九十○Ｏ]{2,4}\s*年\s*[0-9０-９〇零一二三四五六七八九十○Ｏ]{0,2}\s*月"
                   r"(?:\s*[0-9０-９〇零一二三四五六七八九十○Ｏ]{0,3}\s*日)?|年\s+月\s+日")


FORM_MIN_FIELDS = 3          # field labels (姓名, 性别, 工作单位 ...) that make a page a form
STACK_MAX_CHARS = 6          # a line this short may be part of a label wrapped down a narrow cell
STACK_ALIGN = 0.6            # character heights: how far across the middles of stacked lines may stand
STACK_GAP_SHORT = 2.2        # character heights between stacked one- or two-character lines (letter-spaced down)
STACK_GAP = 0.8              # ... between longer stacked lines (a label wrapped in its cell)
SPACED_MAX_CHARS = 2         # a line this short may be part of a label letter-spaced across its cell (姓    名)
SPACED_GAP = 2.5             # character heights between such lines on one row, at most


@dataclass(frozen=True)
class TextRun:
    """A run of text with a box per character (None: a separator with no place)."""

    text: str
    boxes: tuple[BBox | None, ...]


@dataclass(frozen=True)
class Block:
    """A region a heading gives to a role: what lies in it is ``owner``'s unless a label in it says otherwise."""

    owner: Owner
    heading: BBox | None             # None: carried over from the page before
    region: BBox
    label: str                       # the heading's label, normalised (no value)


@dataclass(frozen=True)
class Carry:
    """What a page hands on to the next: the block running to its foot (推荐人(二) over a page break), and the
    parties a contract has named so far (its signing page names none of them again)."""

    block: Block | None = None
    parties: tuple[tuple[str, Owner], ...] = ()


FRAME_MIN_CHARS = 8          # characters on runs of two or more that must show a direction before a page is turned
FRAME_MAJORITY = 0.6         # share of those characters that must run one way
FRAME_STEP_SIZES = 2.5       # a step from one character to the next of a run, at most this many character sizes
#                              long, shows the way the text runs (a longer one is a line's wrap or a gap)


@dataclass(frozen=True)
class Frame:
    """A page's reading frame: the page turned so that its text runs left to right and its lines top to bottom.

    ``turn`` says which way the page's text runs: 0 left to right (the page itself), 1 downwards (scanned a
    quarter turn clockwise: the heading at the right edge), 2 right to left (upside down), 3 upwards.  ``width``
    and ``height`` are the page's own size in points.  ``up`` maps a box of the page into the frame, ``down``
    back; a box stays a box (quarter turns only)."""

    turn: int = 0
    width: float = 0.0
    height: float = 0.0

    @property
    def size(self) -> tuple[float, float]:
        """(width, height) of the frame."""
        return (self.height, self.width) if self.turn % 2 else (self.width, self.height)

    def up(self, b: BBox) -> BBox:
        w, h = self.width, self.height
        if self.turn == 1:
            return BBox(b.y0, w - b.x1, b.y1, w - b.x0)
        if self.turn == 2:
            return BBox(w - b.x1, h - b.y1, w - b.x0, h - b.y0)
        if self.turn == 3:
            return BBox(h - b.y1, b.x0, h - b.y0, b.x1)
        return b

    def down(self, b: BBox) -> BBox:
        w, h = self.width, self.height
        if self.turn == 1:
            return BBox(w - b.y1, b.x0, w - b.y0, b.x1)
        if self.turn == 2:
            return BBox(w - b.x1, h - b.y1, w - b.x0, h - b.y0)
        if self.turn == 3:
            return BBox(b.y0, h - b.x1, b.y1, h - b.x0)
        return b


def reading_frame(runs: Sequence[TextRun], width: float, height: float) -> Frame:
    """The frame the page's runs are read in: the way most of their characters run, each step from one character
    to the next of a run (``FRAME_STEP_SIZES``) a vote, when at least ``FRAME_MIN_CHARS`` show one and
    ``FRAME_MAJORITY`` of them agree.  Steps, not a run's first and last character: a text layer may hand a
    paragraph of turned text over as one run (a landscape certificate laid sideways on an A4 page, its lines
    wrapping in columns), whose ends lie across its lines."""
    moves = []
    for r in runs:
        bs = [b for c, b in zip(r.text, r.boxes) if b is not None and not c.isspace()]
        for a, b in zip(bs, bs[1:]):
            (ax, ay), (bx, by) = a.center, b.center
            size = max(a.width, a.height, b.width, b.height)
            if 0 < abs(bx - ax) + abs(by - ay) and max(abs(bx - ax), abs(by - ay)) <= FRAME_STEP_SIZES * size:
                moves.append((bx - ax, by - ay, 1))
    return Frame(reading_direction(moves, FRAME_MIN_CHARS, FRAME_MAJORITY), width, height)


@dataclass(frozen=True)
class PageStructure:
    number: int
    width: float
    height: float
    labels: tuple[LabelHit, ...] = ()
    blocks: tuple[Block, ...] = ()
    subject: tuple[BBox, ...] = ()   # where the page names its subject: a 姓名 cell (the label's row up to the next
                                     # label), the holder's name after 兹证明 / before 同志
    issuer: tuple[BBox, ...] = ()    # where it names the body it speaks for (a signatory line, 发证机关's value)
    certificate: bool = False        # a certificate or a letter (兹证明, 特发此证, 证书): its stamp is its issuer's
    form: bool = False               # a form: three or more field labels, or a place to sign or stamp
    first_print: float | None = None  # the top of the page's first printed character, in the reading frame (None:
                                      # nothing printed)
    orgs: tuple[tuple[BBox, str], ...] = ()   # organisations' names the page prints (``rival_orgs.printed_org_names``)
    openers: tuple[BBox, ...] = ()   # where a line opens with a person's name (a surname and one to three more
                                     # characters before a gap or a bracket): a bio's subject beside its portrait
    declarations: tuple[BBox, ...] = ()   # first-person declarations (声明：本人…保证…): the subject speaks there
    parties: tuple[tuple[str, Owner], ...] = ()   # a contract's parties whose owner its text says (乙方（劳动者）),
                                                  # on this page or a page before
    fields: tuple[tuple[LabelHit, tuple[BBox, ...]], ...] = field(default=(), repr=False)   # FIELD label, value boxes
    slots: tuple[tuple[LabelHit, BBox], ...] = field(default=(), repr=False)   # each field label with the place its
                                                                               # value is written (printed or painted)
    frame: Frame = field(default_factory=Frame)     # the reading frame (a sideways scan's); boxes above are the page's

    def block_at(self, box: BBox) -> Block | None:
        """The block holding most of ``box``."""
        best: tuple[float, Block] | None = None
        for b in self.blocks:
            share = b.region.intersection_area(box) / max(box.area, 1e-6)
            if share >= 0.5 and (best is None or share > best[0]):
                best = (share, b)
        return best[1] if best else None

    def labels_of(self, *kinds: Kind) -> list[LabelHit]:
        return [h for h in self.labels if h.role.kind in kinds]


def runs_from_chars(chars: Iterable[tuple[str, BBox | None]]) -> list[TextRun]:
    """A page's characters (text layer order; separators without a box) cut into lines at line breaks, each
    CJK compatibility or radical form read as the ideograph it stands for (a font that maps 年 to U+F98E
    prints an issue date the date pattern must read: ``normalize.unalias_cjk``, one character for one)."""
    runs: list[TextRun] = []
    text: list[str] = []
    boxes: list[BBox | None] = []
    for c, b in chars:
        if c == "\n":
            if text:
                runs.append(TextRun("".join(text), tuple(boxes)))
            text, boxes = [], []
            continue
        text.append(unalias_cjk(c))
        boxes.append(b)
    if text:
        runs.append(TextRun("".join(text), tuple(boxes)))
    return runs


def _lines_of(run: TextRun) -> list[TextRun]:
    """A run cut where its text wraps to the next line (the next character starts back to the left by more than
    a character's size and below by more than half a line): a text layer may hand a paragraph over as one run
    (a landscape certificate laid sideways on an A4 page), and the page's first line is its title."""
    cuts = [0]
    last: BBox | None = None
    for k, b in enumerate(run.boxes):
        if b is None or run.text[k].isspace():
            continue
        if last is not None:
            size = max(last.width, last.height, b.width, b.height)
            if b.center[0] < last.center[0] - size and b.center[1] > last.center[1] + 0.5 * min(last.height, b.height):
                cuts.append(k)
        last = b
    if len(cuts) == 1:
        return [run]
    ends = cuts[1:] + [len(run.text)]
    return [TextRun(run.text[a:e], run.boxes[a:e]) for a, e in zip(cuts, ends)]


def read_page(runs: Sequence[TextRun], number: int, width: float, height: float,
              carry: Carry | Block | None = None, lex: Lexicon | None = None) -> PageStructure:
    """The structure of one page from its text runs.  ``carry``: what the page before hands on (``Carry``): its
    last block, which goes on at the top of this page until a heading opens another, and a contract's parties."""
    lex = lex or lexicon()
    carried = carry if isinstance(carry, Carry) else Carry(carry)
    carry = carried.block
    frame = reading_frame(runs, width, height)
    if frame.turn:
        runs = [TextRun(r.text, tuple(None if b is None else frame.up(b) for b in r.boxes)) for r in runs]
        if carry is not None:
            carry = replace(carry, region=frame.up(carry.region))
        width, height = frame.size
    runs = [line for r in runs for line in _lines_of(r)]
    labels: list[LabelHit] = []
    for run in runs:
        labels += [h for h in find_labels(run.text, run.boxes, lex) if h.bbox.area > 0 or h.bbox.x1 > 0]
    for run in _stacked(runs):
        labels += _stacked_labels(run, lex)
    labels += _spaced_labels(runs, lex)
    labels = _distinct(labels)
    blocks = _blocks(labels, width, height, carry)
    # a row that also prints a column of others' (称谓, 工作单位及职务 of a family table; 推荐人签名 of a table of
    # recommenders) is that table's header: its 姓名, 工作单位, 联系电话 columns are theirs
    others_rows = [h.bbox for h in labels if h.role.owner is Owner.OTHER_PERSON
                   and h.role.kind in (Kind.FIELD, Kind.ROWS, Kind.SIGNATURE, Kind.PHOTO)]
    heads = [h for h in labels if h.role.kind is Kind.FIELD]
    while True:         # a column turned another's makes its row's other columns theirs too (the header's row)
        turned = [_theirs(h) if h.role.owner is not Owner.OTHER_PERSON and any(
            _same_row(h.bbox, o) for o in others_rows) else h for h in heads]
        new = [h.bbox for h, t in zip(heads, turned) if t is not h]
        heads = turned
        if not new:
            break
        others_rows += new
    heads = _person_groups(heads, labels, lex)
    fields = tuple((h, _value_boxes(h, runs, labels)) for h in heads)
    subject = tuple(_slot(h, labels) for h, v in fields if h.role.field == "name" and h.role.owner is Owner.APPLICANT
                    and _owner_in(h.bbox, blocks) in (None, Owner.APPLICANT))
    subject += _holders(runs, labels)
    certificate = any(h.role.kind is Kind.ISSUER for h in labels) or any(
        m in norm_label(r.text) for r in runs for m in lex.certificate_markers) or (
        bool(lex.certificate_titles) and norm_label(_title(runs)).endswith(lex.certificate_titles))
    issuer = tuple(b for h in labels if h.role.kind is Kind.ISSUER and h.role.owner is Owner.ISSUER
                    for b in _value_boxes(h, runs, labels))
    if certificate or not any(h.role.kind is Kind.FIELD for h in labels):
        issuer += _signatory_lines(runs, height)
    form = not certificate and (sum(h.role.kind is Kind.FIELD for h in labels) >= FORM_MIN_FIELDS or any(
        h.role.kind in (Kind.SEAL, Kind.SIGNATURE) for h in labels))
    st = PageStructure(number, width, height, tuple(labels), tuple(blocks), subject, issuer, certificate=certificate,
                       form=form, fields=fields, openers=_openers(runs), first_print=_first_print(runs),
                       declarations=_declarations(runs, lex), parties=_parties(runs, lex, carried.parties),
                       orgs=_printed_orgs(runs), slots=tuple((h, _slot(h, labels)) for h, _ in fields))
    return _turned_back(st, frame) if frame.turn else st


def _turned_back(st: PageStructure, frame: Frame) -> PageStructure:
    """A structure read in a turned page's reading frame, its boxes turned back to the page's own points."""
    down = frame.down

    def hit(h: LabelHit) -> LabelHit:
        return replace(h, bbox=down(h.bbox))

    return replace(
        st, width=frame.width, height=frame.height, frame=frame,
        labels=tuple(hit(h) for h in st.labels),
        blocks=tuple(replace(b, heading=None if b.heading is None else down(b.heading), region=down(b.region))
                     for b in st.blocks),
        subject=tuple(down(b) for b in st.subject), issuer=tuple(down(b) for b in st.issuer),
        orgs=tuple((down(b), n) for b, n in st.orgs), openers=tuple(down(b) for b in st.openers),
        declarations=tuple(down(b) for b in st.declarations),
        fields=tuple((hit(h), tuple(down(b) for b in v)) for h, v in st.fields),
        slots=tuple((hit(h), down(b)) for h, b in st.slots))


def _person_groups(heads: list[LabelHit], labels: Sequence[LabelHit], lex: Lexicon) -> list[LabelHit]:
    """Bare field labels (手机, 邮箱, 职称 -- a field word alone) after another person's name field are that
    person's, down to the next name field or heading: a form groups each person's cells after their name
    (指导老师姓名 钱思远 | 职称 | 职务, then 手机 | 邮箱 on the next row: the advisor's, realdocs D08)."""
    bare = {norm_label(w) for w in lex.grammar.field_words}
    marks = sorted([h for h in labels if h.role.kind in (Kind.ROWS, Kind.SECTION, Kind.SUBJECT)] + list(heads),
                   key=lambda h: (h.bbox.y0, h.bbox.x0))
    rows: list[list[LabelHit]] = []
    for h in marks:            # reading order: rows top to bottom (a row's cells within half a line), left to right
        if rows and abs(h.bbox.y0 - rows[-1][0].bbox.y0) < 0.5 * max(h.bbox.height, 1.0):
            rows[-1].append(h)
        else:
            rows.append([h])
    person: Owner | None = None
    turned: dict[int, LabelHit] = {}
    for row in rows:
        for h in sorted(row, key=lambda h: h.bbox.x0):
            if h.role.kind is not Kind.FIELD:
                person = None
            elif h.role.field == "name":
                person = h.role.owner
            elif person is Owner.OTHER_PERSON and norm_label(h.role.label) in bare:
                turned[id(h)] = _theirs(h)
    return [turned.get(id(h), h) for h in heads]


def _theirs(h: LabelHit) -> LabelHit:
    """A field label of a table header of other people's rows: another person's column."""
    if h.role.owner in (Owner.APPLICANT, Owner.APPLICANT_UNIT):
        return replace(h, role=replace(h.role, owner=Owner.OTHER_PERSON))
    return h


def _owner_in(box: BBox, blocks: Sequence[Block]) -> Owner | None:
    for b in blocks:
        if b.region.intersection_area(box) >= 0.5 * max(box.area, 1e-6):
            return b.owner
    return None


def _distinct(labels: list[LabelHit]) -> list[LabelHit]:
    """One hit per place: the text layer and an OCR line may read the same label twice."""
    out: list[LabelHit] = []
    for h in sorted(labels, key=lambda h: (-len(h.role.label), h.bbox.y0, h.bbox.x0)):
        if any(o.bbox.intersection_area(h.bbox) >= 0.6 * max(min(o.bbox.area, h.bbox.area), 1e-6) for o in out):
            continue
        out.append(h)
    return sorted(out, key=lambda h: (h.bbox.y0, h.bbox.x0))


def _stacked(runs: Sequence[TextRun]) -> list[TextRun]:
    """Labels printed down a narrow cell, joined into runs: one or two characters to a line (推 / 荐 / 专 / 家), or
    a short label wrapped over two lines (单位 / 意见, 评审委员会 / 意见).  Lines of up to ``STACK_MAX_CHARS``
    characters whose middles stand within ``STACK_ALIGN`` character heights across, one under the other: at most
    ``STACK_GAP_SHORT`` heights apart for one- and two-character lines, ``STACK_GAP`` for longer ones."""
    short = []
    for r in runs:
        cs = [(c, b) for c, b in zip(r.text, r.boxes) if b is not None and not c.isspace()]
        if 1 <= len(cs) <= STACK_MAX_CHARS:
            short.append(cs)
    cols: list[list[list[tuple[str, BBox]]]] = []       # each column: its lines, top to bottom
    for cs in sorted(short, key=lambda cs: (min(b.y0 for _, b in cs), cs[0][1].x0)):
        span = BBox.enclosing([b for _, b in cs])
        h = max(b.height for _, b in cs)
        for col in cols:
            last = BBox.enclosing([b for _, b in col[-1]])
            lh = max(h, max(b.height for _, b in col[-1]))
            reach = (STACK_GAP_SHORT if max(len(cs), len(col[-1])) <= 2 else STACK_GAP) * lh
            if abs(span.center[0] - last.center[0]) <= STACK_ALIGN * lh and -0.2 * lh <= span.y0 - last.y1 <= reach:
                if max(len(cs), len(col[-1])) > 2 and _whole_label("".join(c for c, _ in cs)):
                    continue          # a label of its own under another (审核人 / 单位意见): two rows, not one label
                col.append(cs)
                break
        else:
            cols.append([cs])
    return [TextRun("".join(c for line in col for c, _ in line), tuple(b for line in col for _, b in line))
            for col in cols if len(col) >= 2]


def _spaced_labels(runs: Sequence[TextRun], lex: Lexicon) -> list[LabelHit]:
    """Labels letter-spaced across a cell (姓    名, 性    别) that OCR read as lines of their own, a character or
    two each: such lines one after another on a row, each at most ``SPACED_GAP`` character heights right of the
    last, make a label where the first few of them read as one whole (姓 + 名, not 名 + the value after it).  A
    thresholded sideways 送审表 read 姓 and 名 apart: no 姓名 cell, no subject, and the applicant's portrait beside
    it went out as "beside another person's name".  Only lines of CJK characters take part (a label is written in
    them), found left to right by their left edges: a dense table of short numbers costs nothing."""
    short = []
    for r in runs:
        cs = [(c, b) for c, b in zip(r.text, r.boxes) if b is not None and not c.isspace()]
        if 1 <= len(cs) <= SPACED_MAX_CHARS and all(is_cjk(c) for c, _ in cs):
            short.append((BBox.enclosing([b for _, b in cs]), cs))
    short.sort(key=lambda t: t[0].x0)
    lefts = [span.x0 for span, _ in short]
    out: list[LabelHit] = []
    for span, first in short:
        chain = [first]
        while len(chain) < 2 * SPACED_MAX_CHARS:
            reach = span.x1 + SPACED_GAP * max(b.height for cs in chain for _, b in cs)
            nxt = next((t for t in short[bisect_left(lefts, span.x1):bisect_right(lefts, reach)]
                        if _same_row(t[0], span)), None)
            if nxt is None:
                break
            chain.append(nxt[1])
            span = BBox.enclosing([span, nxt[0]])
        for k in range(len(chain), 1, -1):
            line = [cb for cs in chain[:k] for cb in cs]
            text, boxes = "".join(c for c, _ in line), tuple(b for _, b in line)
            whole = [h for h in find_labels(text, boxes, lex) if (h.start, h.end) == (0, len(text))]
            if whole:
                out += whole
                break
    return out


def _whole_label(text: str) -> bool:
    """``text`` is a label that says whose by itself (单位意见: the applicant's unit), not the tail of a wrapped one
    (意见, 部内意见: whose, the line above says)."""
    role = read_role(text)
    return role is not None and role.owner is not Owner.UNKNOWN


def _stacked_labels(run: TextRun, lex: Lexicon) -> list[LabelHit]:
    """Labels in a column of stacked characters: the column may hold several cells' labels one under the other
    (推荐理由 over 推荐专家), so every known label in it is taken, longest first, from its end upwards."""
    out: list[LabelHit] = []
    # a stacked label starts where one of the column's lines does: 单位 at the tail of a line 应用单位 is no label
    # of its own (应用 is no qualifier the lexicon knows), realdocs D17
    boxes = run.boxes
    starts = {0} | {i for i in range(1, len(boxes)) if boxes[i] is not None and boxes[i - 1] is not None
                    and boxes[i].y0 >= boxes[i - 1].y1 - 0.3 * boxes[i - 1].height}
    end = len(run.text)
    while end > 1:
        for start in range(max(0, end - 10), end - 1):
            if start not in starts:
                continue
            role = read_role(run.text[start:end], lex)
            if role is not None and role.how in ("lexicon", "grammar", "bare") and not (
                    role.how == "bare" and role.kind is Kind.FIELD):
                out.append(LabelHit(role, start, end, BBox.enclosing([b for b in run.boxes[start:end] if b])))
                end = start
                break
        else:
            end -= 1
    return out


def _is_heading(h: LabelHit, lex: Lexicon) -> bool:
    r = h.role
    if r.kind in (Kind.ROWS, Kind.SECTION):
        return r.owner is not Owner.UNKNOWN
    return r.kind is Kind.SUBJECT and r.label in lex.heading_keys


def _blocks(labels: Sequence[LabelHit], width: float, height: float, carry: Block | None) -> list[Block]:
    lex = lexicon()
    heads = sorted((h for h in labels if _is_heading(h, lex)), key=lambda h: h.bbox.y0)
    out: list[Block] = []
    top_of_first = heads[0].bbox.y0 if heads else height
    if carry is not None and top_of_first > 0:
        out.append(Block(carry.owner, None, BBox(0, 0, width, top_of_first), carry.label))
    flowing = [h for h in heads if h.bbox.height <= 2.5 * max(h.bbox.width / max(len(h.role.label), 1), 1.0)]
    for h in heads:
        b = h.bbox
        vertical = b.height > 2.5 * b.width
        if vertical:         # printed down a narrow cell: the rows beside it
            region = BBox(b.x0, b.y0, width, b.y1)
        else:
            # down to the next heading, or to the first label below that gives its mark to the other side
            # (本人签名 under a family table's last row)
            ends = [o.bbox.y0 for o in flowing if o.bbox.y0 > b.y1 - 1]
            ends += [o.bbox.y0 for o in labels if o.bbox.y0 > b.y1 - 1 and _conflicts(o.role.owner, h.role.owner)
                     and o.role.kind in (Kind.SIGNATURE, Kind.SEAL, Kind.PHOTO)]
            region = BBox(0, b.y0, width, max(b.y1, min(ends, default=height)))
        out.append(Block(h.role.owner, b, region, h.role.label))
    return out


_MINE = (Owner.APPLICANT, Owner.APPLICANT_UNIT)
_THEIRS = (Owner.OTHER_PERSON, Owner.OTHER_BODY)


def _conflicts(a: Owner, b: Owner) -> bool:
    return (a in _MINE and b in _THEIRS) or (a in _THEIRS and b in _MINE)


def _value_boxes(h: LabelHit, runs: Sequence[TextRun], labels: Sequence[LabelHit]) -> tuple[BBox, ...]:
    """Where a field's value is printed: the characters right of its label on its row, up to the next label
    (a form's next cell), else the line right under it."""
    lb = h.bbox
    reach = 260.0
    right: list[BBox] = []
    stops = [o.bbox.x0 for o in labels if o is not h and _same_row(o.bbox, lb) and o.bbox.x0 >= lb.x1 - 1]
    limit = min(stops, default=lb.x1 + reach)
    for r in runs:
        for c, b in zip(r.text, r.boxes):
            if b is None or c.isspace() or c in "：:":
                continue
            if _same_row(b, lb) and lb.x1 - 1 <= b.x0 and b.x1 <= limit + 1:
                right.append(b)
    if right:
        return _unlabelled(_rows_of(right)[:1], runs)
    below: list[BBox] = []
    for r in runs:
        for c, b in zip(r.text, r.boxes):
            if b is None or c.isspace():
                continue
            if 0 <= b.y0 - lb.y1 <= 1.5 * lb.height and b.x1 > lb.x0 - lb.width and b.x0 < lb.x1 + lb.width:
                below.append(b)
    return _unlabelled(_rows_of(below)[:1], runs)


def _slot(h: LabelHit, labels: Sequence[LabelHit]) -> BBox:
    """Where a field's value is written, printed or not (the output has it painted out): right of its label on
    its row, up to the next label there or eight characters on."""
    lb = h.bbox
    ch = max(lb.height, 1.0)
    nxt = [o.bbox.x0 for o in labels if o is not h and _same_row(o.bbox, lb) and o.bbox.x0 >= lb.x1 - 1]
    return BBox(lb.x1, lb.y0 - 0.2 * ch, max(lb.x1 + ch, min(nxt, default=lb.x1 + 8 * ch)), lb.y1 + 0.2 * ch)


def _unlabelled(boxes: tuple[BBox, ...], runs: Sequence[TextRun]) -> tuple[BBox, ...]:
    """``boxes`` unless what they hold reads as a label itself (a table's header row: 姓名 | 出生年月 | ...)."""
    if not boxes:
        return boxes
    box = boxes[0]
    text = "".join(c for r in runs for c, b in zip(r.text, r.boxes)
                   if b is not None and box.contains_point(*b.center))
    return () if read_role(text) is not None else boxes


def _rows_of(boxes: list[BBox]) -> tuple[BBox, ...]:
    out: list[BBox] = []
    for b in sorted(boxes, key=lambda b: (b.y0, b.x0)):
        if out and _same_row(out[-1], b) and b.x0 - out[-1].x1 <= 1.5 * b.height:
            out[-1] = out[-1].union(b)
        else:
            out.append(b)
    return tuple(out)


def _same_row(a: BBox, b: BBox) -> bool:
    h = min(a.height, b.height)
    return h > 0 and min(a.y1, b.y1) - max(a.y0, b.y0) >= 0.5 * h


def _holders(runs: Sequence[TextRun], labels: Sequence[LabelHit]) -> tuple[BBox, ...]:
    """Where a certificate or letter names its holder (``grammar.holders``): after 兹证明 / 授予 on its line (past
    blanks) or the line under it, before 同志 / 先生 on their row -- regions, which hold the name in the input
    and the painted box in the output."""
    g = lexicon().grammar
    out: list[BBox] = []
    for r in runs:
        for word in g.holders.get("after", ()):
            for m in re.finditer(re.escape(word), r.text):
                mb = [b for b in r.boxes[m.start():m.end()] if b is not None]
                if not mb:
                    continue
                w = BBox.enclosing(mb)
                ch = max(w.height, 1.0)
                if norm_label(r.text[m.end():]):
                    out.append(BBox(w.x1, w.y0, w.x1 + 12 * ch, w.y1))           # 兹证明______许明哲______
                else:
                    out.append(BBox(w.x0 - 4 * ch, w.y1, w.x1 + 4 * ch, w.y1 + 1.6 * ch))   # the line under it
        for word in g.holders.get("before", ()):
            for m in re.finditer(re.escape(word), r.text):
                mb = [b for b in r.boxes[m.start():m.end()] if b is not None]
                if mb:
                    w = BBox.enclosing(mb)
                    ch = max(w.height, 1.0)
                    out.append(BBox(w.x0 - 6 * ch, w.y0, w.x0, w.y1))
    return tuple(out)


def _signatory_lines(runs: Sequence[TextRun], height: float) -> tuple[BBox, ...]:
    """Lines that sign a certificate or a letter: right above a date line that holds little but the date (an
    issue date, not a date in running text), or on it before the date; four or more characters, no label."""
    lines: list[tuple[str, BBox]] = []
    for r in runs:
        bs = [b for b in r.boxes if b is not None]
        if bs:
            lines.append((r.text, BBox.enclosing(bs)))
    out: list[BBox] = []
    for text, box in lines:
        m = _DATE.search(text)
        if m is None or len(norm_label(text)) > len(norm_label(m.group(0))) + 4:
            continue
        for t2, b2 in lines:
            key = norm_label(t2)
            if b2 is box or len(key) < 4 or _DATE.search(t2) or read_role(t2) is not None:
                continue
            gap = box.y0 - b2.y1
            if -0.3 * box.height <= gap <= 2.5 * box.height and b2.x1 > box.x0 - box.width \
                    and b2.x0 < box.x1 + box.width:
                out.append(b2)
    return tuple(dict.fromkeys(out))


_PIECE = re.compile(r"[^\s:：,，。;；、/|\"“”‘’《》<>【】\[\]（）()]+")


def _printed_orgs(runs: Sequence[TextRun]) -> tuple[tuple[BBox, str], ...]:
    """Organisations' names printed on the page, with their boxes: each stretch between separators up to its
    last organisation word (``variants.rival_orgs.printed_org_names``)."""
    out: list[tuple[BBox, str]] = []
    for r in runs:
        for m in _PIECE.finditer(r.text):
            names = printed_org_names([m.group(0)])
            if not names:
                continue
            name = names[0]
            end = m.start() + len(name)
            bs = [b for b in r.boxes[m.start():end] if b is not None]
            if bs:
                out.append((BBox.enclosing(bs), name))
    return tuple(out)


def _title(runs: Sequence[TextRun]) -> str:
    """The page's first printed line: the line that holds the first printed character, whole (a phone photo's
    tilted 专业技术资格证书 drops a character's height from its first to its last), and the characters of other
    lines whose tops lie within half their height of that first character's (a certificate's title above
    everything else)."""
    first = _first_print(runs)
    if first is None:
        return ""
    top = next(r for r in runs if any(b is not None and not c.isspace() and b.y0 == first
                                      for c, b in zip(r.text, r.boxes)))
    return "".join(c for r in runs for c, b in zip(r.text, r.boxes)
                   if b is not None and not c.isspace() and (r is top or b.y0 <= first + 0.5 * b.height))


def _first_print(runs: Sequence[TextRun]) -> float | None:
    tops = [b.y0 for r in runs for c, b in zip(r.text, r.boxes) if b is not None and not c.isspace()]
    return min(tops) if tops else None


_OPENER = re.compile(r"[\u4e00-\u9fff]{2,4}(?=[ \t\u3000（(，,]|$)")


def _openers(runs: Sequence[TextRun]) -> tuple[BBox, ...]:
    """Lines that open with a person's name: two to four characters, the first a surname (a compound surname's
    two), then a gap, a bracket or a comma (左年明　中国科学院…, 高欣佳（1963—），女): where a bio names whom it is
    about.  In the output the applicant's is painted over; where it stood is still an opener when the line's
    first characters were the applicant's removed name (the caller's records say so)."""
    out: list[BBox] = []
    for r in runs:
        i = 0
        while i < len(r.text) and r.text[i].isspace():
            i += 1
        m = _OPENER.match(r.text, i)
        if m is None:
            continue
        word = m.group(0)
        if not (word[0] in COMMON_SURNAMES or word[:2] in COMPOUND_SURNAMES):
            continue
        bs = [b for b in r.boxes[m.start():m.end()] if b is not None]
        if bs:
            out.append(BBox.enclosing(bs))
    return tuple(out)


DECLARATION_HEADING = 4      # characters of a heading a declaration may open with (声明：, 郑重承诺：)
DECLARATION_LINES = 6        # lines a declaration's paragraph runs to at most (to its first full stop)
DECLARATION_GAP = 2.0        # line heights between two of its lines at most


def _declarations(runs: Sequence[TextRun], lex: Lexicon) -> tuple[BBox, ...]:
    """Boxes of the page's first-person declarations: a line opening with one of the lexicon's ``declarants``
    (本人; after a short heading and colon, 声明：) that holds one of its ``declaration_verbs`` (保证, 承诺), with
    the lines after it to its first full stop (``DECLARATION_LINES`` at most, none more than ``DECLARATION_GAP``
    line heights below the last).
    The form's subject speaks there: whoever fills the form in and signs right under it is the declarant."""
    verbs, declarants = lex.grammar.declaration_verbs, lex.grammar.declarants
    if not verbs or not declarants:
        return ()
    out: list[BBox] = []
    for i, run in enumerate(runs):
        text = run.text.strip()
        m = re.match(r"\s*(\S{1,%d})\s*[：:]\s*" % DECLARATION_HEADING, text)
        opening = text[m.end():] if m else text
        if not opening.startswith(declarants) or not any(v in text for v in verbs):
            continue
        boxes = [b for b in run.boxes if b is not None]
        last = run
        for nxt in runs[i + 1:i + DECLARATION_LINES]:
            if re.search(r"[。.]\s*$", last.text):
                break
            a = [b for b in last.boxes if b is not None]
            b_ = [b for b in nxt.boxes if b is not None]
            if not a or not b_:
                break
            tall = max(x.height for x in a)
            if BBox.enclosing(b_).y0 - BBox.enclosing(a).y1 > DECLARATION_GAP * tall:
                break
            boxes += b_
            last = nxt
        if boxes:
            out.append(BBox.enclosing(boxes))
    return tuple(out)


def carry_of(page: PageStructure) -> Carry:
    """What goes on at the top of the next page: the page's last block, when it runs to the page's foot, and the
    contract's parties named so far."""
    return Carry(_last_block(page), page.parties)


def _last_block(page: PageStructure) -> Block | None:
    if not page.blocks:
        return None
    up = page.frame.up
    last = max(page.blocks, key=lambda b: up(b.region).y1)
    if up(last.region).y1 < page.frame.size[1] - 1 if page.frame.turn else last.region.y1 < page.height - 1:
        return None
    return replace(last, heading=None)


def _parties(runs: Sequence[TextRun], lex: Lexicon, before: tuple[tuple[str, Owner], ...] = ()
             ) -> tuple[tuple[str, Owner], ...]:
    """A contract's parties whose owner it says: a party word (甲方, 乙方) with a role noun in brackets after it
    (乙方（劳动者）, 甲方（用人单位）名称：) that ``grammar.party_roles`` knows; ``before``: those the pages before
    named.  A party named with two different owners is none (a person looks)."""
    g = lex.grammar
    if not g.party_words or not g.party_roles:
        return before
    found: dict[str, Owner | None] = dict(before)
    named = re.compile("(" + "|".join(map(re.escape, g.party_words)) + r")\s*[（(]\s*([^）)]{1,10}?)\s*[）)]")
    for r in runs:
        for m in named.finditer(r.text):
            owner = g.party_roles.get(re.sub(r"\s+", "", m.group(2)))
            if owner is None:
                continue
            word = m.group(1)
            found[word] = Owner(owner) if found.get(word, Owner(owner)) is Owner(owner) else None
    return tuple((w, o) for w, o in found.items() if o is not None)


def read_document(pages: Sequence[tuple[int, float, float, Sequence[TextRun]]],
                  lex: Lexicon | None = None) -> dict[int, PageStructure]:
    """Every page's structure, in order: a block running to a page's foot goes on at the next page's top."""
    out: dict[int, PageStructure] = {}
    carry: Carry | None = None
    for number, width, height, runs in pages:
        st = read_page(runs, number, width, height, carry, lex)
        out[number] = st
        carry = carry_of(st)
    return out
