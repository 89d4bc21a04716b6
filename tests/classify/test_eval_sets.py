"""The measurement: quality floors on the labelled sets (not a line-by-line replay)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.classify import Classifier
from bot.classify.evaluation import Prediction, Report, evaluate, parse_example

DATA = Path(__file__).parents[1] / "data"


def _measure(classifier: Classifier, name: str) -> Report:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    examples = [parse_example(json.loads(line)) for line in lines if line.strip()]
    predictions = []
    for example in examples:
        v = classifier.classify(example.text)
        predictions.append(Prediction(v.is_complaint, v.category, v.urgent, v.location))
    return evaluate(examples, predictions, list(classifier.category_names()))


@pytest.mark.parametrize(
    ("name", "floors"),
    [
        # The project's floors on the shared development set.
        ("messages-dev.jsonl", (0.95, 0.95, 0.92, 0.90, 0.90, 2)),
        # The team's own set (written before tuning) and a second, later held-out set.
        ("messages-team.jsonl", (0.95, 0.95, 0.93, 0.95, 0.90, 2)),
        ("messages-holdout.jsonl", (0.95, 0.95, 0.90, 0.90, 0.85, 2)),
        # Two more sets written later still, each measured once before any rule they inspired.
        ("messages-fresh.jsonl", (0.95, 0.90, 0.85, 0.90, 0.80, 2)),
        ("messages-fresh2.jsonl", (0.95, 0.90, 0.85, 0.90, 0.80, 2)),
        # Blind sets written before reading the classifier (first run: docs/classifier.md);
        # these floors guard what later rounds reached, with some margin.
        ("blind-hotline.jsonl", (0.93, 0.93, 0.90, 0.85, 0.90, 1)),
        ("blind-elderly.jsonl", (0.93, 0.93, 0.90, 0.85, 0.90, 1)),
        ("blind-young.jsonl", (0.93, 0.93, 0.90, 0.85, 0.90, 1)),
        ("blind-mixed.jsonl", (0.93, 0.93, 0.90, 0.80, 0.90, 1)),
        ("blind2-chat.jsonl", (0.93, 0.93, 0.90, 0.90, 0.90, 1)),
        ("blind2-formal.jsonl", (0.93, 0.93, 0.90, 0.90, 0.90, 1)),
        # Written last and measured first at P 0.85 / R 0.74 / category 0.71 (see the docs).
        ("blind3-final.jsonl", (0.85, 0.80, 0.80, 0.90, 0.80, 2)),
        # Written after round 3, first run P 0.93 / R 0.83 / category 0.75.
        ("blind4-final.jsonl", (0.90, 0.90, 0.88, 0.80, 0.90, 1)),
        # Written after round 4; first run P 1.00 / R 0.83 / category 0.68 (scenes used it).
        ("blind5-final.jsonl", (0.95, 0.83, 0.70, 0.75, 0.90, 1)),
        # Written for #15 (danger and scenes) before any rule they inspired. First run: urgent
        # recall 0.46 with 3 false alarms; the urgency rules were then written with it.
        ("blind6-urgent.jsonl", (0.88, 0.95, 0.83, 0.50, 0.97, 1)),
        # Scenes: first run P 0.95 / R 0.81 / category 0.61; the scenes round used it.
        ("blind6-scenes.jsonl", (0.95, 0.80, 0.73, 0.30, 0.5, 1)),
        # Written after the first urgency round: first run urgent recall 0.60; round two used it.
        ("blind7-urgent.jsonl", (0.93, 0.95, 0.80, 0.55, 0.95, 1)),
        # Written after round two: first run urgent recall 0.62 with 2 false alarms. blind6-8
        # were the development sets of the scene model (danger.py): none of them is blind now.
        ("blind8-urgent.jsonl", (0.92, 0.95, 0.72, 0.50, 0.95, 1)),
        # Written after the scene models (danger.py, scenes.py), measured once before any
        # change they could inspire: these floors are that first run, with a little margin.
        ("blind9-urgent.jsonl", (0.92, 0.94, 0.77, 0.78, 0.80, 1)),
        ("blind9-scenes.jsonl", (0.95, 0.91, 0.81, 0.70, 0.5, 3)),
        # Written during round 10 by a helper that never read the classifier; first run on the
        # merged round (docs/classifier.md): urgent recall 0.83, scenes category 0.61.
        ("blind10-urgent.jsonl", (0.93, 0.94, 0.77, 0.72, 0.81, 2)),
        ("blind10-scenes.jsonl", (0.96, 0.77, 0.59, 0.70, 0.4, 1)),
        # Written during round 11 by a helper that never read the classifier; first run on the
        # merged round (docs/classifier.md): urgent recall 0.77 with 5 false alarms.
        ("blind11-urgent.jsonl", (0.91, 0.93, 0.79, 0.61, 0.76, 5)),
        ("blind11-scenes.jsonl", (0.93, 0.84, 0.62, 0.40, 0.0, 2)),
        # Written during round 12, never read before its first run on the merged round:
        # urgent recall 0.75 with 8 false alarms, scenes category 0.50 (docs/classifier.md).
        ("blind12-urgent.jsonl", (0.87, 0.90, 0.74, 0.60, 0.74, 8)),
        ("blind12-scenes.jsonl", (0.91, 0.79, 0.49, 0.53, 0.5, 1)),
        # Since the model (docs/classifier.md, "The model") every set here is in its training,
        # so these floors only guard against a broken model or data. What it does on sets it
        # never saw: blind13's and blind14's first runs in the docs, and the cross check below.
        ("blind13-urgent.jsonl", (0.95, 0.95, 0.95, 0.50, 0.95, 2)),
        ("blind13-scenes.jsonl", (0.95, 0.95, 0.95, 0.15, 0.5, 2)),
        ("blind14-urgent.jsonl", (0.95, 0.95, 0.95, 0.55, 0.95, 2)),
        ("blind14-scenes.jsonl", (0.95, 0.95, 0.95, 0.35, 0.5, 2)),
        ("team-short.jsonl", (0.95, 0.95, 0.95, 0.80, 0.95, 2)),
        ("team-short2.jsonl", (0.95, 0.95, 0.95, 0.80, 0.95, 2)),
        # Written after the shipped model was trained and NOT in its training yet: its first
        # run (docs/classifier.md) was P 0.98 / R 0.98 / category 0.91 / urgent 55 of 60, 5 FA.
        ("blind15-mixed.jsonl", (0.95, 0.95, 0.88, 0.70, 0.88, 6)),
        # Written after blind15 joined the training, measured once on that model before joining
        # it themselves: urgent P 0.96 / R 1.00 / category 0.95 / urgent 108 of 120, no false
        # alarm; scenes P 0.99 / R 0.97 / category 0.84 (docs/classifier.md).
        ("blind16-urgent.jsonl", (0.95, 0.97, 0.93, 0.30, 0.88, 2)),
        ("blind16-scenes.jsonl", (0.97, 0.95, 0.82, 0.30, 0.0, 4)),
        # Two training sets of hard chatter and hard categories, then blind17, measured once on
        # the model trained with them: P 0.86 / R 0.98 / category 0.87 / urgent 65 of 70, 3 FA.
        ("team-hard-chatter.jsonl", (0.93, 0.95, 0.90, 0.30, 0.85, 3)),
        ("team-scenes.jsonl", (0.95, 0.95, 0.90, 0.30, 0.85, 3)),
        ("blind17-mixed.jsonl", (0.85, 0.95, 0.85, 0.30, 0.90, 3)),
        # Written after a retraining, measured once on that model, then trained on: first run
        # P 0.985 / R 0.985 / category 0.97 / urgent 56 of 60, 1 FA of 160.
        ("blind18-mixed.jsonl", (0.96, 0.96, 0.94, 0.30, 0.90, 2)),
        # blind19's scenes (its two streams are in streams/), measured once on the model before
        # them (P 0.99 / R 0.96 / category 0.895 / urgent 15 of 15, 5 FA of 225), then trained
        # on with two more training sets of hard chatter and scenes.
        ("blind19-scenes.jsonl", (0.95, 0.95, 0.93, 0.30, 0.90, 3)),
        ("team19-hard-chatter.jsonl", (0.95, 0.95, 0.93, 0.30, 0.90, 3)),
        ("team19-scenes.jsonl", (0.95, 0.95, 0.93, 0.30, 0.90, 3)),
        # blind20, measured once on the model trained with blind19 (P 0.985 / R 0.98 / category
        # 0.94 / urgent 74 of 80, no false alarm), then trained on with short urgent reports.
        ("blind20-mixed.jsonl", (0.95, 0.95, 0.93, 0.30, 0.90, 3)),
        ("team20-short-urgent.jsonl", (0.95, 0.95, 0.93, 0.30, 0.90, 3)),
        # Measured once before they joined the training (with blind23's streams): blind21's
        # first run P 0.99 / R 0.99 / category 0.96 / urgent 58 of 60, 2 FA of 200; blind22's
        # P 0.995 / R 0.92 / category 0.90 / urgent 53 of 55, 1 FA of 284.
        ("blind21-mixed.jsonl", (0.96, 0.96, 0.93, 0.30, 0.93, 3)),
        ("blind22-mixed.jsonl", (0.97, 0.90, 0.87, 0.30, 0.93, 2)),
        # Written after that retraining and NOT in the model's training (the next one takes it
        # in): first run P 0.96 / R 0.99 / category 0.97 / urgent 67 of 70, no FA of 250.
        ("blind24-mixed.jsonl", (0.95, 0.98, 0.95, 0.70, 0.94, 2)),
        # Written after every change of that session (none tuned on it), NOT in the training:
        # first run P 0.954 / R 0.982 / category 0.953 / urgent 58 of 60, 1 FA of 240.
        ("blind25-mixed.jsonl", (0.93, 0.96, 0.93, 0.70, 0.95, 2)),
        # Written by a helper that read only the taxonomy, measured once on the model as the
        # session began (P 0.982 / R 0.965 / category 0.906 / urgent 56 of 60, 2 FA of 240),
        # then its misses taught the rules; NOT in the training. Floors: the first run.
        ("blind26-mixed.jsonl", (0.97, 0.95, 0.89, 0.68, 0.93, 2)),
        # Danger in every way a helper could think of, measured once on the model as the session
        # had left it (urgent 131 of 150, 2 FA of 90; docs/classifier.md), then trained on.
        ("blind27-urgent.jsonl", (0.95, 0.95, 0.95, 0.70, 0.95, 2)),
        # Plain short reports and their look-alikes: held out of the training (it changed
        # nothing there); P 0.95 / R 0.956 / category 0.925 / urgent 14 of 15 when first kept out.
        ("team26-plain.jsonl", (0.92, 0.93, 0.89, 0.80, 0.85, 3)),
        # Written after every change of the session, measured once on the final model, held out
        # of its training: P 0.973 / R 1.0 / category 0.964 / urgent 40 of 40, no FA of 160.
        ("blind28-mixed.jsonl", (0.95, 0.97, 0.93, 0.68, 0.95, 1)),
        # Written by a helper (taxonomy only) as the session began, measured once on its final
        # model, held out of the training: P 0.970 / R 0.994 / category 0.969 / urgent 58 of
        # 60, no FA of 200. Its two urgent misses then became rules (困咗人, English at length).
        ("blind29-mixed.jsonl", (0.95, 0.97, 0.94, 0.75, 0.95, 1)),
        # Written by a helper (taxonomy only) after every change of the session, measured once on
        # its final model, held out, not tuned on: P 0.948 / R 0.985 / category 0.977 /
        # location 0.852 / urgent 40 of 45, 3 FA of 175. Floors: the first run. Its misses then
        # became rules (the next session): urgent 45 of 45, 2 FA.
        ("blind30-mixed.jsonl", (0.94, 0.98, 0.97, 0.85, 0.88, 3)),
        # Written by a helper (taxonomy only) as the session began, measured once on its final
        # model, held out, not tuned on: P 0.932 / R 0.986 / category 0.957 / location 0.768 /
        # urgent 48 of 50, 1 FA of 190. Floors: the first run.
        ("blind31-mixed.jsonl", (0.93, 0.98, 0.95, 0.76, 0.96, 1)),
        # Written by a helper (taxonomy only) as the session began, measured once on the model as
        # the session began (P 0.903 / R 1.0 / category 0.957 / location 0.774 / urgent 46 of 50,
        # 4 FA of 190), held out of the training; its misses share families with blind31's,
        # which that session's rules took up. Floors: the first run.
        ("blind32-mixed.jsonl", (0.90, 0.98, 0.95, 0.77, 0.92, 4)),
        # Written by a helper (taxonomy only) during the session, measured once on its final
        # model, held out of the training, not tuned on: P 0.938 / R 0.964 / category 0.929 /
        # location 0.848 / urgent 46 of 50, 4 FA of 190. Floors: the first run.
        ("blind33-mixed.jsonl", (0.93, 0.96, 0.92, 0.84, 0.92, 4)),
        # Written by a helper (taxonomy only) during the session, measured once after round 17,
        # held out of the training, not tuned on: P 0.949 / R 0.987 / category 0.927 /
        # location 0.760 / urgent 51 of 55, 1 FA of 205. Floors: the first run.
        # Precision 0.93: round 24's retraining moved two borderline messages (a question about
        # the parcel locker, traffic at a school gate) just over the line (P 0.9375).
        ("blind34-mixed.jsonl", (0.93, 0.98, 0.92, 0.76, 0.92, 1)),
        # Written by a helper (taxonomy only) during the session, measured once after round 18,
        # held out of the training, not tuned on then: P 0.873 / R 0.970 / category 0.926 /
        # location 0.896 / urgent 41 of 50, 1 FA of 190. Floors: the first run.
        ("blind35-mixed.jsonl", (0.87, 0.97, 0.92, 0.89, 0.82, 1)),
        # Written by a helper (taxonomy only) at the session's end, measured once on its final
        # model, held out, not tuned on: P 0.912 / R 1.0 / category 0.952 / location 0.740 /
        # urgent 43 of 45, 6 FA of 175. Floors: the first run, but category 0.94: round 23
        # files a gas water heater by someone who does not answer as fire_safety (carbon
        # monoxide, as blind42–43 label it), where blind36 labels one such child "other".
        ("blind36-mixed.jsonl", (0.91, 0.99, 0.94, 0.73, 0.95, 6)),
        # blind37: written as the eighth session began (jokes with danger words, videos and
        # friends' compounds, dialect dangers), measured once on the model of the session's
        # start, held out: P 0.966 / R 1.0 / category 0.979 / location 0.832 / urgent 48 of
        # 50, 2 FA of 190. Floors: the first run.
        ("blind37-mixed.jsonl", (0.96, 0.99, 0.97, 0.83, 0.95, 2)),
        # blind38: winter, the spring festival and the southern rains (heating, CO, icicles,
        # fireworks), measured once on the model after round 20, held out: P 0.969 / R 0.977 /
        # category 0.946 / location 0.802 / urgent 40 of 45, 1 FA of 175. Floors: first run.
        ("blind38-mixed.jsonl", (0.96, 0.97, 0.94, 0.80, 0.88, 1)),
        # blind39: a resettlement compound and a new estate in a typhoon summer (e-bikes,
        # heat, renovation, elderly living alone), written at the session's end and measured
        # once on its final model, held out, not tuned on: P 0.940 / R 0.957 / category 0.930
        # / location 0.637 / urgent 36 of 40, 0 FA of 160. Floors: the first run.
        ("blind39-mixed.jsonl", (0.94, 0.95, 0.93, 0.63, 0.9, 0)),
        # blind40: an ordinary compound in an autumn of central and western China, written
        # after the review's mends of rounds 20–21, measured once on the session's final model,
        # held out, not tuned on: P 0.962 / R 0.952 / category 0.914 / location 0.872 / urgent
        # 33 of 35, 3 FA of 145. Floors: the first run.
        ("blind40-mixed.jsonl", (0.96, 0.95, 0.91, 0.87, 0.94, 3)),
        # blind41: a northern or south-western compound in winter (dialects, landmarks, buried
        # complaints), written as the ninth session began and measured once on the model of
        # its start, held out of the training (round 22 took up its misses): P 0.966 / R 0.983
        # / category 0.922 / location 0.830 / urgent 37 of 40, 1 FA of 160. Floors: first run.
        ("blind41-mixed.jsonl", (0.96, 0.98, 0.92, 0.83, 0.92, 1)),
        # blind42: an old work-unit compound in the plum rains of Hunan or Jiangxi (湘语/赣语,
        # damp walls, added lifts), written during the ninth session and measured once on its
        # final model, held out, not tuned on: P 0.926 / R 0.974 / category 0.913 / location
        # 0.800 / urgent 36 of 40, 2 FA of 160. Floors: the first run.
        ("blind42-mixed.jsonl", (0.92, 0.97, 0.91, 0.80, 0.9, 2)),
        # blind43: a commercial estate on the Fujian or Zhejiang coast in the plum rains and
        # typhoon season (grandparents, delivery lockers, a kindergarten), written as the tenth
        # session began and measured once on the model of its start, held out of the training
        # (round 23 took up its misses): P 0.926 / R 0.983 / category 0.974 / location 0.767 /
        # urgent 37 of 40, 1 FA of 160. Floors: the first run.
        ("blind43-mixed.jsonl", (0.92, 0.98, 0.97, 0.76, 0.92, 1)),
        # blind44: an ageing compound in the north-east or north as the heating starts late
        # (东北话, radiators, charcoal, icicles, lifts added to walk-ups), written as the tenth
        # session began and measured once on its final model, held out, not tuned on: P 0.950 /
        # R 0.983 / category 0.887 / location 0.848 / urgent 35 of 40, 1 FA of 160. Floors: the
        # first run.
        ("blind44-mixed.jsonl", (0.94, 0.98, 0.88, 0.84, 0.87, 1)),
        # blind45: an older compound on the lower Yangtze in a winter without central heating
        # (electric heaters and blankets, gas water heaters, frozen pipes, e-bikes charged
        # indoors, 武汉话), written as the eleventh session began and measured once on the model
        # of its start, held out of the training: P 0.948 / R 0.985 / category 0.954 /
        # location 0.790 / urgent 43 of 45, 2 FA of 175. Floors: the first run.
        ("blind45-mixed.jsonl", (0.94, 0.98, 0.95, 0.79, 0.95, 2)),
        # blind46: a mixed compound of Chengdu and Xi'an in late autumn (high-rise and walk-ups,
        # renters, grandparents minding children, Sichuanese and Shaanxi words; its writer
        # named places in non-complaints too), written as the session began and measured once
        # on the session's final model (round 24 and its review), held out, not tuned on:
        # P 0.960 / R 0.992 / category 0.958 / location 0.642 / urgent 39 of 40, 0 FA of 160.
        # Floors: the first run.
        ("blind46-mixed.jsonl", (0.95, 0.99, 0.95, 0.64, 0.97, 0)),
        # blind47: a compound of Changsha and the north-east (湖南话, 东北话, typos such as 电题,
        # 拉圾, 路登; urgent scenes told without the usual words; staff notices, relatives'
        # compounds elsewhere, a film's and an office's lifts; its writer named places with
        # their side: 17栋南面, 4栋后面), written as the twelfth session began and measured once
        # on the model of its start, held out of the training: P 0.966 / R 1.000 / category
        # 0.991 / location 0.618 / urgent 41 of 41, 0 FA of 159. Floors: the first run.
        ("blind47-mixed.jsonl", (0.96, 1.0, 0.99, 0.61, 1.0, 0)),
        # blind48: a Kunming compound and an old danwei compound in Tianjin in winter (云南话,
        # 天津话, elderly voice-input slips such as 电剃, 拉基, 水管报了; renters' pinyin; children
        # at a fountain, stray dogs, a stairwell's smouldering smell; hypotheticals, a game's
        # lift, one's own toilet), written as the thirteenth session began and measured once on
        # the model of its start, held out of the training: P 0.967 / R 0.992 / category 0.958 /
        # location 0.614 / urgent 41 of 45, 1 FA of 155. Floors: the first run.
        ("blind48-mixed.jsonl", (0.96, 0.99, 0.95, 0.61, 0.91, 1)),
        # blind49: a Guangzhou and a Changsha compound in the typhoon season (粤语 such as 水浸,
        # 沙井冚, 细路; 湖南话 such as 细伢子, 么子; voice input without punctuation and slips such
        # as 梅气; trees leaning over people, cars stalled in garage floods, thunder, the metro
        # flooded elsewhere), written as the fourteenth session began and measured once on the
        # model of its start, held out of the training: P 0.975 / R 0.967 / category 0.933 /
        # location 0.851 / urgent 44 of 45, 0 FA of 155. Floors: the first run.
        ("blind49-mixed.jsonl", (0.97, 0.96, 0.93, 0.85, 0.97, 0)),
        # blind50: a Shenzhen high-rise of young renters and a Hebei resettlement compound in
        # spring (slang such as 无语子, 栓Q, pinyin such as wy; 河北话 such as 嘛呢, 俺们; catkins
        # on fire, smart locks and face gates in a fire, roosters, gacha games), written in the
        # fourteenth session after round 27 and measured once on that model, held out of the
        # training: P 0.967 / R 0.992 / category 0.933 / location 0.891 / urgent 43 of 45, 0 FA
        # of 155. Floors: the first run.
        ("blind50-mixed.jsonl", (0.96, 0.99, 0.93, 0.89, 0.95, 0)),
        # blind51: a Xi'an resettlement compound in the summer heat (陕西话 such as 咧 for 了,
        # 额 for 我, voice-to-text 停谁 and 燃起味) and a Hangzhou old compound retrofitting a
        # lift (吴语 such as 阿拉, scaffolding, long polite messages), written in the fifteenth
        # session before any tuning and measured once on the round-28 model, held out of the
        # training: P 0.960 / R 0.992 / category 0.900 / location 0.950 / urgent 42 of 45, 0 FA
        # of 155. Floors: the first run.
        ("blind51-mixed.jsonl", (0.95, 0.99, 0.90, 0.95, 0.93, 0)),
        # blind52: a Nanchang textile-factory compound in the plum rains (江西话 such as 冇,
        # 么子, 渠, 细伢子, 嗲嗲; mould, roof seepage, old wiring, gas cylinders) and a Harbin
        # motor-factory compound as the heating starts (东北话 such as 嘎哈, 埋汰; 门洞 for a
        # unit, icicles, insulation panels blown loose, frozen pipes), written in the sixteenth
        # session before any tuning and measured once on the round-29 model, held out of the
        # training: P 0.976 / R 1.000 / category 0.975 / location 0.750 / urgent 44 of 45, 1 FA
        # of 155. Floors: the first run.
        ("blind52-mixed.jsonl", (0.97, 0.99, 0.97, 0.75, 0.97, 1)),
        # blind53: a Nanning compound of towers with a 架空层 (白话 such as 咩, 冇, 畀, 打风,
        # 回南天) and a Taiyuan coal-mine work-unit compound (山西话 such as 圪蹴, 甚, 灰; 平房,
        # a boiler room, coal dust, stoves and carbon monoxide), written in the seventeenth
        # session before any tuning and measured once on the round-30 model, held out of the
        # training: P 0.952 / R 0.992 / category 0.933 / location 0.788 / urgent 43 of 45, 1 FA
        # of 155. Floors: the first run.
        ("blind53-mixed.jsonl", (0.95, 0.99, 0.93, 0.78, 0.95, 1)),
        # blind54: danger told every way residents tell it (dialects, voice-to-text, a shout, a
        # weapon, a runaway car) beside ordinary complaints and look-alikes (drills, news, a
        # danger already handled), written by a helper who read only the taxonomy in the
        # twenty-first session and measured once on the round-31 model, held out of the
        # training: P 0.996 / R 0.980 / category 0.932 / location 0.572 (its labeller named
        # 楼道 and 天台 as places) / urgent 111 of 120, 0 FA of 280. Floors: the first run.
        ("blind54-mixed.jsonl", (0.99, 0.98, 0.93, 0.57, 0.92, 0)),
        # blind55: 100 dangers told every way (dialects, voice-to-text, a smell, a sound, someone
        # not answering, a child somewhere dangerous), 100 ordinary complaints over all fifteen
        # categories and 100 look-alikes, written by a helper who read only the taxonomy in the
        # twenty-fourth session and measured once on the round-33 model and rules, held out of
        # the training: P 0.975 / R 0.980 / category 0.905 / location 0.811 / urgent 87 of 100,
        # 1 FA of 200. Floors: the first run.
        ("blind55-mixed.jsonl", (0.97, 0.98, 0.90, 0.81, 0.87, 1)),
        # blind56: 60 dangers told every way (四川话, 粤语, 东北话, 上海话, 湖南话, voice-to-text,
        # a smell, a sound, someone not answering, a child somewhere dangerous, a fight), 70
        # ordinary complaints over all fifteen categories and 70 look-alikes, written by a helper
        # who read only the taxonomy and measured once on the round-34 model and rules, held out
        # of the training: P 0.970 / R 1.000 / category 0.923 / location 0.890 / urgent 56 of
        # 60, 1 FA of 140. Floors: the first run.
        ("blind56-mixed.jsonl", (0.97, 0.99, 0.92, 0.89, 0.93, 1)),
        # blind57: 80 dangers told every way (四川话, 粤语, 东北话, 上海话, 湖南话, 闽南,
        # voice-to-text, a smell, a sound, someone not answering, a child somewhere dangerous, a
        # fight, ice, a hole, things about to fall), 90 ordinary complaints, six in each of the
        # fifteen categories, and 80 look-alikes, written by a helper who read only the taxonomy
        # and measured once on the round-34 model and rules, held out of the training: P 0.971 /
        # R 0.994 / category 0.947 / location 0.913 / urgent 74 of 80, 0 FA of 170. Floors: the
        # first run.
        ("blind57-mixed.jsonl", (0.97, 0.99, 0.94, 0.91, 0.92, 0)),
        # blind58: 80 dangers told the way non-writers tell them (同音错字, voice-to-text without
        # punctuation, half-sentences, a scene not named, help asked for a neighbour, a child or a
        # grandparent, animals, typhoon, snow and ice, water meeting electricity; 四川话, 粤语,
        # 东北话, 上海话, 湖南话, 闽南话, 河南话, English), 90 ordinary complaints over all fifteen
        # categories and 80 look-alikes, written by a helper who read only the taxonomy and
        # measured once on the round-34 model and rules, held out of the training: P 0.982 /
        # R 0.988 / category 0.947 / location 0.894 / urgent 70 of 80, 0 FA of 170. Floors: the
        # first run.
        ("blind58-mixed.jsonl", (0.98, 0.98, 0.94, 0.89, 0.87, 0)),
        # blind59: 80 dangers told without the usual danger words (by what is seen, heard, smelt
        # or felt: a hum and a hot wall, water coming down the stairs, a crack widening, a child
        # in a lift shaft, newspapers piling up, an engine running in a closed garage), for
        # someone else, in a hurry (a word and a place, repeated punctuation), in 四川话,
        # 粤语, 东北话, 上海话, 湖南话, 闽南话, 河南话, 天津话 and voice-to-text; 90 ordinary
        # complaints over all fifteen categories and 80 look-alikes, written by a helper who
        # read only the taxonomy and measured once on the round-34 model and rules, held out of
        # the training: P 0.965 / R 0.982 / category 0.859 / location 0.826 / urgent 56 of 80,
        # 3 FA of 170. Floors: the first run.
        ("blind59-mixed.jsonl", (0.96, 0.98, 0.85, 0.82, 0.70, 3)),
        # blind60: 100 dangers told mostly without the danger words (a hum, a hot wall, a blue
        # flicker, water rising, a crack widening, a thud then crying; for an old neighbour, a
        # child, a delivery man; one word and a place; 同音错字, voice-to-text, nine dialects; a
        # danger late in a chatty message), 80 ordinary complaints over all fifteen categories
        # and 70 look-alikes, written by a helper who read only the taxonomy and measured once on
        # the round-34 model and rules, held out of the training: P 0.972 / R 0.967 / category
        # 0.867 / location 0.966 / urgent 74 of 100, 0 FA of 150. Floors: the first run.
        ("blind60-mixed.jsonl", (0.97, 0.96, 0.86, 0.96, 0.74, 0)),
        # blind61: 90 dangers, a third told plainly, a third without the usual danger words (a
        # hum and a hot door, a grey haze, water rising round the tyres, a wall bulging, a crack
        # a finger wide, someone not answering for days, a child on an air-conditioner bracket)
        # and a third in 四川话, 粤语, 东北话, 上海话, 湖南话, 闽南话, 河南话, 天津话, 客家话,
        # 江西话, 同音错字 and voice-to-text (a word or two and a place; a danger late in a
        # chatty message), 90 ordinary complaints, six in each of the fifteen categories, and 70
        # look-alikes, written by a helper who read only the taxonomy and measured once on the
        # round-38 model and rules, held out of the training: P 0.962 / R 0.989 / category 0.928
        # / location 0.938 / urgent 75 of 90, 2 FA of 160. Floors: the first run.
        ("blind61-mixed.jsonl", (0.96, 0.98, 0.92, 0.93, 0.83, 2)),
        # blind62: 90 dangers, a third told plainly, a third without the usual danger words (a
        # black plume and a plastic smell, a socket hissing by a hot wall, a lift that drops and
        # stops, a pit with water running under it, a snake-like thing by the lockers, a lost
        # girl, a crush at a narrow gate) and a third in 四川话, 粤语, 东北话, 上海话, 湖南话,
        # 闽南话, 河南话, 天津话, 客家话, 江西话, 山东话, 陕西话, pinyin homophones and
        # voice-to-text (a word or two and a place; a danger late in a chatty message; help for a
        # neighbour, a child, a delivery rider, a cleaner), 90 ordinary complaints, six in each of
        # the fifteen categories, and 70 look-alikes, written by a helper who read only the
        # taxonomy and measured once on the round-39 model and rules, held out of the training:
        # P 0.941 / R 0.983 / category 0.894 / location 0.897 / urgent 71 of 90, 3 FA of 160.
        # Floors: the first run.
        ("blind62-mixed.jsonl", (0.94, 0.98, 0.89, 0.89, 0.78, 3)),
        # blind63: 80 dangers spread over every kind (fire, gas, power in water, burst pipes, a
        # whole building without water, power or heat, lifts, falling glass and tiles, holes,
        # ice, trees in wind, knives and intruders, dogs, children and old people, someone
        # collapsed or not answering, crushes, cracks, chemicals), told plainly, without the
        # usual danger words (a smell of rotten eggs, a tingling meter-box door, a bang in the
        # night and a finger-wide crack, a glistening ramp), as short cries, late in a chatty
        # message, for someone else, in 四川话, 粤语, 东北话, 上海话, 湖南话, 闽南话, 河南话,
        # 天津话, 客家话, 江西话, 山东话, 陕西话, 湖北话, 贵州话, pinyin homophones and
        # voice-to-text, 60 ordinary complaints, four in each of the fifteen categories, and 60
        # look-alikes, written by a helper who read only the taxonomy and measured once on the
        # round-40 model and rules, held out of the training: P 0.972 / R 1.000 / category 0.914
        # / location 0.750 / urgent 68 of 80, 3 FA of 120. Floors: the first run.
        ("blind63-mixed.jsonl", (0.97, 1.00, 0.91, 0.75, 0.85, 3)),
        # blind64: 80 dangers over every kind (fire, gas, carbon monoxide from a water heater, a
        # charcoal brazier and an idling car, power in water and bare wires, burst pipes, a whole
        # building without water, power or heat in heat or frost, lifts, falling glass, tiles,
        # signboards and roofing, holes and hollow paving, black ice, trees in typhoons, knives,
        # stalkers and intruders, dogs, children and old people, someone collapsed or on a roof
        # edge, crushes, cracked columns and walls, pesticide and chlorine), told plainly,
        # without the usual danger words (frost on a cylinder valve, hot water cascading down the
        # stairs, pavement that sounds hollow, a lift door open on an empty shaft), as short
        # cries, late in a chatty message, for someone else, in 四川话, 粤语, 东北话, 上海话,
        # 湖南话, 闽南话, 河南话, 天津话, 客家话, 山东话, 陕西话, 湖北话, 温州话, 江西话, typos,
        # pinyin and voice-to-text, 60 ordinary complaints, four in each of the fifteen
        # categories, and 60 look-alikes, written by a helper who read only the taxonomy and
        # measured once on the round-41 model and rules, held out of the training: P 0.952 / R
        # 0.986 / category 0.929 / location 0.905 / urgent 70 of 80, 0 FA of 120. Floors: the
        # first run.
        ("blind64-mixed.jsonl", (0.95, 0.98, 0.92, 0.90, 0.87, 0)),
        # blind65: 80 dangers over every kind (fire and smoke, gas and a charcoal brazier, a
        # sparking box over water, a leaking lamp post and bare wires in a fountain, burst supply
        # and heating pipes, a whole building without heat in frost, water in heat or power with
        # an oxygen machine or dialysis, lifts stuck, dropping or moving with the door open,
        # tiles, bottles, a signboard and cracked window glass, a sinkhole, sinking ground and a
        # missing manhole cover, ice and icicles, trees in typhoons and storms, a knife, a
        # burglar, a brawl and a night intruder, dogs, children locked in a car, on a ledge, by a
        # lake, lost or in a ditch, old people fallen, unseen, not answering or wandering,
        # someone collapsed, crushes, cracked walls and a canopy, pesticide, dumped chemicals and
        # pool chlorine), told plainly, without the usual danger words (a hot door handle, a
        # rotten-egg smell, ground hollow underneath), as short cries, late in a chatty message,
        # for someone else, in 四川话, 粤语, 东北话, 上海话, 湖南话, 闽南话, 河南话, 天津话,
        # 客家话, 山东话, 陕西话, 湖北话, 温州话, 江西话, 广西话, 云南话, typos, pinyin and
        # voice-to-text, 60 ordinary complaints, four in each of the fifteen categories, and 60
        # look-alikes, written by a helper who read only the taxonomy and measured once on the
        # round-42 model (retrained with blind24–62) and rules, held out of the training: P
        # 0.952 / R 1.000 / category 0.943 / location 0.923 / urgent 74 of 80, 1 FA of 120.
        # Floors: the first run.
        ("blind65-mixed.jsonl", (0.95, 1.00, 0.94, 0.92, 0.92, 1)),
        # blind66: 80 dangers over every kind (fire and smoke, a burning bike shed, gas, a
        # rotten-egg smell and charcoal or a coal stove behind shut windows, a sparking meter
        # box, a leaking lamp post, a cable in a garage flood and bare wire in a puddle, burst
        # risers flooding a lobby and a meter box, a whole building without water in heat, power
        # with an oxygen machine, dialysis or a newborn, heat in frost, lifts stuck, dropping,
        # moving with the door open or opening on an empty shaft, tiles, a signboard, window
        # glass and icicles, a sinkhole, sinking ground and a missing manhole cover, ice, trees
        # in typhoons, a knife, a burglar, a drunk with a bottle and a night door handle, dogs,
        # children on an air-conditioner ledge, locked in a car, by a broken lake railing or in
        # a pool, old people fallen, unseen or not answering, someone collapsed, a hit-and-run,
        # a crush at a giveaway, cracked walls, pesticide, a poisoned tank and a leaking drum),
        # told plainly, without the usual danger words, as short cries, late in a chatty
        # message, for someone else, in 四川话, 粤语, 东北话, 上海话, 湖南话, 闽南话, 河南话,
        # 天津话, 客家话, 山东话, 陕西话, 湖北话, 温州话, 江西话, 广西话, 云南话, 安徽话, 苏州话,
        # typos, pinyin and voice-to-text, 60 ordinary complaints, four in each of the fifteen
        # categories, and 60 look-alikes, written by a helper who read only the taxonomy and
        # measured once on the round-42 model and rules as shipped (after the reread's mend),
        # held out of the training: P 1.000 / R 0.993 / category 0.957 / location 0.917 /
        # urgent 72 of 80, 0 FA of 120. Floors: the first run.
        ("blind66-mixed.jsonl", (1.00, 0.99, 0.95, 0.91, 0.90, 0)),
        # blind67: 80 dangers (fire on a balcony and in a bin store, an e-bike burning in a
        # lift, charcoal and coal fumes, gas cylinders hissing, an explosion, lightning, sparks,
        # a transformer, live wires, burst, frozen and sewage pipes, floods, whole buildings
        # without water, power or heat, falling tiles, glass, signs and roofing, bulging walls,
        # sinkholes, manholes, ice, lifts falling, smoking or opening on a shaft, thrown bottles,
        # knives, domestic violence, break-ins, a stranger following children, a drunk driver, a
        # garage barrier, dogs and snakes, a crowd crush, heatstroke, people fallen, missing or
        # not answering, children on ledges, in water and in a hot car, a painter's cradle) in
        # 四川, 重庆, 粤语, 东北, 北京, 天津, 上海, 苏州, 杭州, 宁波, 温州, 湖南, 湖北, 江西,
        # 贵州, 云南, 闽南, 潮汕, 客家, 河南, 山东, 陕西, 山西 and 合肥 speech, pinyin, typos and
        # voice-to-text, 60 ordinary complaints (four per category) and 60 look-alikes, written
        # by a helper who read only the taxonomy (rooms and floors left out of its places) and
        # measured once on round 43 as committed, held out of the training: P 0.946 / R 0.993 /
        # category 0.879 / location 0.896 / urgent 77 of 80, 3 FA of 120. Floors: the first run.
        ("blind67-mixed.jsonl", (0.94, 0.99, 0.87, 0.89, 0.96, 3)),
        # blind68: 80 dangers (lifts trapped or falling, gas and carbon monoxide, fires of
        # e-bike batteries and fireworks and a dog on the stove, burst and heating pipes, sewage
        # backflow, a garage flooding, sparks, a transformer blast, a leaking lamp post,
        # buildings without power in a heatwave or without water, ice and icicles, falling
        # windows, glass, walls, trees, scaffolding and billboards, open manholes, things thrown
        # from height, knives, an abduction, domestic violence, dogs, hornets and a snake, a
        # septic-tank worker, heatstroke, a child in a hot car, drowning, on a sill, caught in a
        # railing or hit by a garage barrier) in 粤语, 四川话, 东北话, 上海话, 闽南话, 湖南话,
        # 河南话, 山东话, 陕西话, 天津话, 湖北话, 客家话, 温州话, 江西话, 广西话, 贵州话, 云南话,
        # 杭州话 and 南京话, typos, pinyin and voice-to-text, 60 hard-to-place ordinary
        # complaints (four per category) and 60 look-alikes, written by a helper who read only
        # the taxonomy (floors and rooms kept in its places) and measured once on round 44 as
        # committed, held out of the training: P 1.000 / R 0.986 / category 0.943 / location
        # 0.886 / urgent 80 of 80, 0 FA of 120. Floors: the first run.
        ("blind68-mixed.jsonl", (1.00, 0.98, 0.94, 0.88, 1.00, 0)),
        # blind69: 80 dangers told the hard ways (the scene without a danger word, a cry with
        # typos, the danger last in a long message, for a neighbour or a parent, old people
        # alone, cleaners, guards, decorators and riders in danger) in 粤语, 四川话, 重庆话,
        # 东北话, 上海话, 闽南话, 潮汕话, 湖南话, 河南话, 山东话, 陕西话, 天津话, 湖北话, 客家话,
        # 温州话, 江西话, 广西话, 贵州话, 云南话, 安徽话, 山西话 and 甘肃话, pinyin and voice
        # input, 60 ordinary complaints (four per category) and 60 look-alikes, written by a
        # helper who read only the taxonomy and measured once on the session's final rules and
        # model, held out: P 0.979 / R 0.979 / category 0.843 / location 0.838 / urgent 73 of
        # 80, 1 FA of 120. Floors: the first run.
        ("blind69-mixed.jsonl", (0.97, 0.97, 0.84, 0.83, 0.91, 1)),
        # blind70: 80 dangers as residents type them (plain, the scene without a danger word,
        # cries, typos, pinyin and voice input, the danger last, a relative alone, workers hurt,
        # violence through the wall, someone missing or fallen, smells, water, power, lifts,
        # falling things, animals, fights, strangers, cars, typhoon, rain, snow and heat) in
        # Mandarin and 23 dialects (宁夏话, 内蒙古话, 海南话 among them), 60 ordinary complaints
        # (four per category) and 60 look-alikes, written by a helper who read only the taxonomy
        # and measured once on round 45 as committed, held out: P 0.958 / R 0.971 / category
        # 0.936 / location 0.909 / urgent 72 of 80, 3 FA of 120. Floors: the first run.
        ("blind70-mixed.jsonl", (0.95, 0.97, 0.93, 0.90, 0.90, 3)),
        # blind71: 80 dangers as residents type them (plain, the scene alone, cries, pinyin
        # and voice input, the danger last, a relative alone, workers hurt, violence through a
        # wall, a child, an old person with dementia or a disabled person missing, falls,
        # smells, water, power, heating, lifts, falling things, animals, fights, strangers,
        # cars and e-bikes, typhoon, rain, snow, heat and cold) in Mandarin and 24 dialects, 60
        # ordinary complaints (four per category) and 60 look-alikes, written by a helper who
        # read only the taxonomy and measured once on round 46 as committed, held out: P 0.986
        # / R 0.986 / category 0.950 / location 0.934 / urgent 78 of 80, 0 FA of 120. Floors:
        # the first run.
        ("blind71-mixed.jsonl", (0.98, 0.98, 0.95, 0.93, 0.97, 0)),
        # blind72: 80 dangers (the scene alone, cries, pinyin, voice input, the danger in the
        # middle of a long chatty message, workers, riders and guards hurt, a child or a father
        # with dementia missing, falls, fights, knives, dogs, ice, typhoon and heat) in Mandarin
        # and 28 dialects, 60 ordinary complaints placed the hard ways (东门岗亭旁, 12号楼地库B2,
        # 3单元501对面) and 60 look-alikes, written by a helper who read only the taxonomy and
        # measured once on round 46 as committed, held out: P 0.979 / R 0.979 / category 0.821
        # / location 0.565 (its writer keeps 门口, 楼下, 楼顶 and 旁 in the place; the other sets
        # mostly do not) / urgent 74 of 80, 0 FA of 120. Floors: the first run.
        ("blind72-mixed.jsonl", (0.97, 0.97, 0.82, 0.56, 0.92, 0)),
        # blind73: 80 dangers (fire, gas, fumes from a charcoal stove, sparks, burst heating
        # pipes, lifts, things falling in a typhoon, holes, a wall down on a car, knives, a
        # child or a father with dementia missing, someone electrocuted or fallen, a child's
        # head in a closing gate, snakes, dogs, a car hitting someone) in Mandarin and 20
        # dialects, pinyin, voice input and typos, 60 ordinary complaints (four per category)
        # and 60 look-alikes, written by a helper who read only the taxonomy and measured once
        # on round 47 as committed, held out: P 0.979 / R 1.000 / category 0.893 / location
        # 0.831 / urgent 75 of 80, 1 FA of 120. Floors: the first run.
        ("blind73-mixed.jsonl", (0.97, 1.00, 0.89, 0.83, 0.93, 1)),
        # blind74: 80 dangers told by what is seen or heard rather than named (a smell, a
        # sound, a neighbour not seen, a crack widening, a car rolling, a lift door open on the
        # shaft), by voice input, for someone else, in weather, at night, for staff and
        # animals, in Mandarin, 20 dialects and pinyin; 60 ordinary complaints and 60
        # look-alikes, written by a helper who read only the taxonomy and measured once on
        # round 48 as committed, held out: P 0.972 / R 0.986 / category 0.907 / location 0.853
        # / urgent 72 of 80, 2 FA of 120. Floors: the first run.
        ("blind74-mixed.jsonl", (0.97, 0.98, 0.90, 0.85, 0.90, 2)),
        # blind75: 80 dangers, many short and panicked, some long, some only the scene, some
        # asked as questions, some for a parent far away or by staff, in pinyin, with typos
        # and voice input, in Mandarin and 20 dialects; 60 ordinary complaints (some only
        # hinted: sarcasm, rhetorical questions) and 60 look-alikes, written by a helper who
        # read only the taxonomy and measured once on round 49 as committed, held out: P 0.979
        # / R 1.000 / category 0.943 / location 0.902 / urgent 73 of 80, 2 FA of 120. Floors:
        # the first run.
        ("blind75-mixed.jsonl", (0.97, 1.00, 0.94, 0.90, 0.91, 2)),
        # blind76: 80 dangers (plain, the scene only, cries with typos, voice input, pinyin,
        # the danger in a long message, for a parent, by staff) in Mandarin and 20 dialects,
        # 60 ordinary complaints and 60 look-alikes, written by a helper who read only the
        # taxonomy and measured once on round 50 as committed (the session's final rules), held
        # out and not tuned on: P 0.972 / R 1.000 / category 0.929 / location 0.800 / urgent 75
        # of 80, 2 FA of 120. Floors: the first run.
        ("blind76-mixed.jsonl", (0.97, 1.00, 0.92, 0.80, 0.93, 2)),
        # blind77: 80 dangers over every kind the taxonomy names (fire, gas, sparks, lifts,
        # falls, cracks, holes, violence, missing children and parents, people collapsed,
        # animals, vehicles, children at windows and water) in Mandarin, 20 dialects, pinyin
        # and voice input, short cries and long messages; 60 ordinary complaints and 60
        # look-alikes, written by a helper who read only the taxonomy and measured once on
        # round 51 as committed, held out: P 0.971 / R 0.971 / category 0.879 / location 0.778
        # / urgent 73 of 80, 2 FA of 120. Floors: the first run.
        ("blind77-mixed.jsonl", (0.97, 0.97, 0.87, 0.77, 0.91, 2)),
        # blind78: 80 dangers told without the textbook words (what is seen, heard or
        # smelt, half-sentences in panic, questions, a greeting first) in elderly voices, 15
        # dialects, pinyin, traditional characters, English and emoji; 60 ordinary complaints
        # and 60 look-alikes, written by a helper who read only the taxonomy and measured once
        # on round 52 as committed, held out: P 0.993 / R 0.986 / category 0.929 / location
        # 0.683 / urgent 73 of 80, 1 FA of 120. Floors: the first run.
        ("blind78-mixed.jsonl", (0.99, 0.98, 0.92, 0.68, 0.91, 1)),
        # blind79: 80 dangers written one by one in the voices of a group chat (a grandmother
        # dictating, a teenager in pinyin, a guard's formal report, a rider passing, a tenant
        # with little Chinese, a mother in fragments, a question that is a report, a greeting
        # first) in Mandarin and 15 dialects, 60 ordinary complaints and 60 look-alikes, by a
        # helper who read only the taxonomy, measured once on round 53 as committed, held out:
        # P 0.938 / R 0.971 / category 0.921 / location 0.704 / urgent 73 of 80, 1 FA of 120.
        # Floors: the first run, but category 0.91: round 54 found two people lost that it
        # files under "other" where this writer says security (the sets split 19 to 18).
        ("blind79-mixed.jsonl", (0.93, 0.97, 0.91, 0.70, 0.91, 1)),
        # blind80: 80 dangers written by hand (voice dictation, pinyin and initials, guards'
        # reports with times, tenants with little Chinese, fragments in panic, questions that
        # are reports, a greeting first, a parent far away, short cries, long stories) in
        # Mandarin and 15 dialects, 60 ordinary complaints and 60 look-alikes, by a helper who
        # read only the taxonomy, measured once on round 54 as committed, held out: P 0.993 /
        # R 0.964 / category 0.914 / location 0.754 / urgent 68 of 80, no FA of 120. Floors:
        # the first run.
        ("blind80-mixed.jsonl", (0.99, 0.96, 0.91, 0.75, 0.85, 0)),
        # blind81: 80 dangers written by hand in many voices (retired teachers, migrant
        # workers, teenagers, guards' shift reports, riders, foreign tenants, grandparents by
        # voice, angry residents, a parent on the phone, questions, a greeting first) in
        # Mandarin and 15 dialects, 60 ordinary complaints and 60 look-alikes, by a helper who
        # read only the taxonomy, measured once on round 55 as committed (the session's final
        # rules), held out and not tuned on: P 0.972 / R 0.986 / category 0.943 / location
        # 0.730 / urgent 77 of 80, no FA of 120. Floors: the first run.
        ("blind81-mixed.jsonl", (0.97, 0.98, 0.94, 0.73, 0.96, 0)),
        # blind82: 80 dangers written by hand (a grandmother's typos, voice messages in one
        # breath, 东北话, 四川话, 粤语, 上海话, 闽南话, 湖南话, pinyin, English, guards' reports,
        # someone understated, a tenant from abroad), 60 ordinary complaints and 60 look-alikes,
        # by a helper who read only the taxonomy, measured once on round 56 as committed, held
        # out: P 0.986 / R 0.993 / category 0.900 / location 0.853 / urgent 73 of 80, 2 FA of
        # 120. Floors: the first run.
        ("blind82-mixed.jsonl", (0.98, 0.99, 0.90, 0.85, 0.91, 2)),
        # blind83: 80 dangers written by hand (a nurse home from a night shift, a rider, a
        # child on a parent's phone, a landlord relaying a tenant, a building chief forwarding,
        # a blind resident, two-word cries, long stories with the danger in the middle, 北京话,
        # 天津话, 陕西话, 客家话, 粤语 and more, Korean and Japanese tenants), 60 ordinary
        # complaints and 60 look-alikes, by a helper who read only the taxonomy, measured once
        # on round 57 as committed, held out: P 0.993 / R 0.986 / category 0.914 / location
        # 0.880 / urgent 75 of 80, 1 FA of 120. Floors: the first run.
        ("blind83-mixed.jsonl", (0.99, 0.98, 0.91, 0.88, 0.93, 1)),
        # blind84: 80 dangers written by hand (a daughter watching her parents' camera from
        # another city, a cleaner, a guard on patrol, a child, a wheelchair user, a courier,
        # voice-to-text homophones, one-character bursts, calm stories that end in danger,
        # sarcasm, 吴语, 粤语, 西南官话, 闽南话, 湘语, 赣语, pinyin, English), 60 ordinary
        # complaints and 60 look-alikes, by a helper who read only the taxonomy (and who wrote
        # places typed in pinyin, English or with a homophone as the Chinese place: 5动 → 5栋),
        # measured once on round 58 as committed, held out: P 0.993 / R 0.964 / category 0.907
        # / location 0.763 / urgent 73 of 80, no FA of 120. Floors: the first run.
        ("blind84-mixed.jsonl", (0.99, 0.96, 0.90, 0.76, 0.91, 0)),
        # blind85: 80 dangers written by hand (new mothers, night-shift workers, old people
        # with wrong characters, migrant workers, shopkeepers, visitors, tenants mixing
        # English, Korean, Japanese and Vietnamese, pinyin and initials, voice-to-text, short
        # bursts, questions that are reports, understatement, eleven dialects), 60 ordinary
        # complaints and 60 look-alikes, by a helper who read only the taxonomy, measured once
        # on round 59 as committed, held out: P 1.000 / R 0.986 / category 0.936 / location
        # 0.878 / urgent 70 of 80, no FA of 120. Floors: the first run.
        ("blind85-mixed.jsonl", (1.0, 0.98, 0.93, 0.87, 0.87, 0)),
        # blind86: 80 dangers written by hand (grandparents minding children, a rider at a
        # gate, a night cleaner, a teenager gaming late, a man in a wheelchair, a tenant who
        # does not know the buildings' names, a guard's shift log, a relative far away, bursts,
        # voice-to-text, pinyin, emoji, English, Korean, Japanese and Vietnamese among Chinese,
        # ten dialects, calm or sarcastic), 60 ordinary complaints and 60 look-alikes, by a
        # helper who read only the taxonomy, measured once on round 60 as committed (the
        # session's final rules), held out and not tuned on: P 0.986 / R 0.986 / category 0.936
        # / location 0.874 / urgent 74 of 80, no FA of 120. Floors: the first run.
        ("blind86-mixed.jsonl", (0.98, 0.98, 0.93, 0.87, 0.92, 0)),
        # blind87: 80 dangers written by hand (typos and homophones, voice-to-text, dialects,
        # pinyin initials, English, Japanese and Korean tenants, guards' and cleaners' logs,
        # two-word cries, long stories with the danger in the middle, danger told without the
        # usual word), 60 ordinary complaints and 60 look-alikes, by a helper who read only the
        # taxonomy (and who labels the whole place phrase: 5栋楼道, 17栋楼顶), measured once on
        # round 60 as committed, held out: P 0.993 / R 0.964 / category 0.907 / location 0.669
        # / urgent 72 of 80, 1 FA of 120. Floors: the first run.
        ("blind87-mixed.jsonl", (0.99, 0.96, 0.90, 0.66, 0.9, 1)),
        # blind88: 80 dangers written by hand (typos, voice-to-text, ten dialects, pinyin
        # initials, English, Japanese, Korean and Vietnamese tenants, guards' logs, two-word
        # cries, calm and sarcasm, weather), 60 ordinary complaints and 60 look-alikes, by a
        # helper who read only the taxonomy, measured once on round 61 as committed, held out
        # (round 62 was tuned on its misses): P 0.972 / R 0.979 / category 0.914
        # / location 0.708 / urgent 73 of 80, 1 FA of 120. Floors: the first run.
        ("blind88-mixed.jsonl", (0.97, 0.97, 0.91, 0.70, 0.91, 1)),
        # blind89: 80 dangers written by hand (typos, voice-to-text, dialects, pinyin, English,
        # Japanese, Korean, Vietnamese and Thai tenants mixing Chinese, guards' handover logs,
        # two-word cries, calm and sarcasm, delivery riders, weather), 60 ordinary complaints
        # and 60 look-alikes (some signed by staff), by a helper who read only the taxonomy,
        # measured once on round 62 as committed, held out: P 0.971 / R 0.971 / category 0.929 /
        # location 0.677 / urgent 72 of 80, 2 FA of 120. Floors: the first run.
        ("blind89-mixed.jsonl", (0.97, 0.97, 0.92, 0.67, 0.9, 2)),
        # blind90: 80 dangers written by hand (typos, voice-to-text, dialects among them 天津话,
        # pinyin, English, Japanese, Korean and Vietnamese tenants, guards' logs, two-word
        # cries, understatement and sarcasm, workers on site, lightning), 60 ordinary complaints
        # and 60 look-alikes (staff notices, forwarded tips, a novel, a game), by a helper who
        # read only the taxonomy, measured once on round 63 as committed, held out: P 0.979 / R
        # 0.993 / category 0.950 / location 0.675 / urgent 72 of 80, no FA of 120. Floors: the
        # first run.
        ("blind90-mixed.jsonl", (0.97, 0.99, 0.95, 0.67, 0.9, 0)),
        # blind91: 80 dangers written by hand (as blind90, with 山西话 and 广西话, floods and
        # lightning), 60 ordinary complaints and 60 look-alikes, by a helper who read only the
        # taxonomy (and who labels the whole place phrase: 1号岗亭旁边, 6栋化粪池旁边), measured
        # once on round 64 as committed, held out: P 0.986 / R 0.986 / category 0.943 / location
        # 0.483 / urgent 72 of 80, 2 FA of 120. Floors: the first run.
        ("blind91-mixed.jsonl", (0.98, 0.98, 0.94, 0.48, 0.9, 2)),
        # blind92: 80 dangers written by hand (as blind91, with 云南话 and 江淮官话), 60 ordinary
        # complaints and 60 look-alikes, by a helper who read only the taxonomy, measured once
        # on round 64 as committed, held out (round 65 was tuned on its misses): P 0.972 / R
        # 1.000 / category 0.950 / location 0.718 / urgent 76 of 80, 1 FA of 120.
        # Floors: the first run.
        ("blind92-mixed.jsonl", (0.97, 1.0, 0.95, 0.71, 0.95, 1)),
        # blind93: 80 dangers written by hand (as blind92, with 贵州话 and 河北话, contaminated
        # drinking water), 60 ordinary complaints and 60 look-alikes, by a helper who read only
        # the taxonomy, measured once on round 65 as committed (the session's final rules), held
        # out and not tuned on: P 0.986 / R 0.986 / category 0.921 / location 0.742 / urgent 74
        # of 80, 1 FA of 120. Floors: the first run.
        ("blind93-mixed.jsonl", (0.98, 0.98, 0.92, 0.74, 0.92, 1)),
        # blind94: 80 dangers written by hand (as blind93, with 湖南话, a Korean and a Japanese
        # tenant, a patrol log asking where the AED is), 60 ordinary complaints and 60
        # look-alikes, by a helper who read only the taxonomy, measured once on round 66 as
        # committed: P 0.979 / R 0.979 / category 0.914 / location 0.829 / urgent 74 of 80, no FA
        # of 120. Floors: the first run.
        ("blind94-mixed.jsonl", (0.97, 0.97, 0.91, 0.82, 0.92, 0)),
        # blind95: 80 dangers written by hand leaning toward the hardest to read (half-sentences,
        # typos of the key word itself, a danger in one clause of a long message), 60 ordinary
        # complaints and 60 look-alikes, by a helper who read only the taxonomy, measured once
        # on round 67 as committed: P 0.993 / R 0.971 / category 0.900 / location 0.700 / urgent
        # 72 of 80, no FA of 120. Floors: the first run.
        ("blind95-mixed.jsonl", (0.99, 0.97, 0.9, 0.7, 0.9, 0)),
        # blind96: 80 dangers written by hand leaning toward people who rarely write (voice
        # dictation, a domestic helper's English with Tagalog and Indonesian, a rider in a
        # hurry, guards' logs), 60 ordinary complaints and 60 look-alikes, by a helper who read
        # only the taxonomy, measured once on round 68 as committed: P 0.993 / R 0.986 /
        # category 0.914 / location 0.701 / urgent 70 of 80, no FA of 120. Floors: the first run.
        ("blind96-mixed.jsonl", (0.99, 0.98, 0.91, 0.7, 0.87, 0)),
        # blind97: 80 dangers written by hand leaning toward the night and bad weather (storms,
        # cold snaps, heat, power cuts, floods), 60 ordinary complaints and 60 look-alikes, by a
        # helper who read only the taxonomy, measured once on round 69 as committed: P 0.979 /
        # R 0.993 / category 0.921 / location 0.808 / urgent 75 of 80, no FA of 120. Floors: the
        # first run.
        ("blind97-mixed.jsonl", (0.97, 0.99, 0.92, 0.8, 0.93, 0)),
        # blind98: 80 dangers written by hand leaning toward the compound at its busiest (school
        # runs, deliveries, markets, festivals, crowds, vehicles, tools), 60 ordinary complaints
        # and 60 look-alikes, by a helper who read only the taxonomy, measured once on round 70
        # as committed: P 0.986 / R 0.971 / category 0.864 / location 0.603 / urgent 73 of 80,
        # no FA of 120. Floors: the first run.
        ("blind98-mixed.jsonl", (0.98, 0.97, 0.86, 0.6, 0.91, 0)),
        # blind99: 80 dangers written by hand leaning toward an old compound (old wiring, coal
        # stoves, gas cylinders, elderly alone, dangers heard or smelled through a wall), 60
        # ordinary complaints and 60 look-alikes, by a helper who read only the taxonomy,
        # measured once on round 71 as committed: P 0.958 / R 0.979 / category 0.936 / location
        # 0.633 / urgent 75 of 80, 1 FA of 120. Floors: the first run.
        ("blind99-mixed.jsonl", (0.95, 0.97, 0.93, 0.63, 0.93, 1)),
        # blind100: 80 dangers written by hand with no single theme (as if sampled from a
        # hundred buildings' chats over a year), 60 ordinary complaints and 60 look-alikes, by a
        # helper who read only the taxonomy, measured once on round 72 as committed: P 0.986 /
        # R 0.986 / category 0.936 / location 0.763 / urgent 73 of 80, 1 FA of 120. Floors: the
        # first run.
        ("blind100-mixed.jsonl", (0.98, 0.98, 0.93, 0.76, 0.91, 1)),
        # blind101: as blind100, with staff notices naming dangers and questions of what to do
        # in an emergency among the look-alikes, measured once on round 73 as committed (the
        # session's final rules), held out and not tuned on: P 0.986 / R 0.993 / category 0.979
        # / location 0.843 / urgent 77 of 80, 2 FA of 120. Floors: the first run.
        ("blind101-mixed.jsonl", (0.98, 0.99, 0.97, 0.84, 0.96, 2)),
        # blind103: a resettlement compound (回迁小区) on a city's edge — former villagers,
        # vegetable plots, poultry, stoves, wells and ponds, the building chief relaying the old
        # people's words — measured once on round 73 as committed (9bf2bdf), then tuned on in
        # round 74: P 0.992 / R 0.971 / category 0.864 / location 0.641 / urgent 71 of 80,
        # 0 FA of 120. Floors: the first run.
        ("blind103-mixed.jsonl", (0.99, 0.97, 0.86, 0.64, 0.88, 0)),
        # blind102: a new high-rise of young tenants (smart locks, app notices, e-bikes, parcel
        # lockers, pets), written the way young people type, measured once on round 74 as
        # committed (d30380c), then tuned on in round 75: P 0.979 / R 0.986 / category 0.929 /
        # location 0.565 / urgent 75 of 80, 2 FA of 120. Floors: the first run.
        ("blind102-mixed.jsonl", (0.97, 0.98, 0.92, 0.56, 0.93, 2)),
        # blind104: a southern river city's compound in the rainy season and the first cold snap,
        # a market street below, told by people who write little and in a hurry; measured once
        # on round 75 as committed (f8377ef, the session's final rules), held out and not tuned
        # on: P 0.993 / R 0.979 / category 0.929 / location 0.638 / urgent 74 of 80, 1 FA of
        # 120. Floors: the first run.
        ("blind104-mixed.jsonl", (0.99, 0.97, 0.92, 0.63, 0.92, 1)),
        # blind105: an older compound in a northeastern city in deep winter — heating, ice,
        # snow on roofs, coal stoves in the bungalows at its edge, cars warmed up in closed
        # garages, elderly living alone — told in 东北话 and with gloves on; measured once on
        # round 76 as committed (055a924): P 0.979 / R 0.986 / category 0.886 / location 0.580 /
        # urgent 70 of 80, 0 FA of 120. Floors: the first run.
        ("blind105-mixed.jsonl", (0.97, 0.98, 0.88, 0.57, 0.87, 0)),
        # blind106: a large compound in a hot inland city in high summer — air conditioners,
        # power cuts at peak load, a pool, a tower crane next door, storms, elderly in the heat —
        # told in 武汉话, 重庆话 and by voice input; measured once on round 77 as committed
        # (f0e28dc, the session's final rules), then tuned on in round 79: P 0.993 / R 0.986 /
        # category 0.879 / location 0.579 / urgent 77 of 80, 1 FA of 120. Floors: the first run.
        ("blind106-mixed.jsonl", (0.99, 0.98, 0.87, 0.57, 0.96, 1)),
        # blind107: a new high-rise compound on the edge of Shenzhen in a drizzly December —
        # underground garages with charging piles, face-recognition gates, renovation, a school
        # next door — told by young professionals mixing English in, 随迁老人 by voice input
        # (潮汕话, 客家话, 河南话), Hong Kong tenants in 粤语 and the property's staff; measured
        # once on round 79 as committed (3f76aba): P 0.958 / R 0.979 / category 0.900 /
        # location 0.618 / urgent 74 of 80, 1 FA of 120. Floors: the first run.
        ("blind107-mixed.jsonl", (0.95, 0.97, 0.90, 0.61, 0.92, 1)),
        # blind108: an old six-storey walk-up compound in a northern city in early spring, under
        # renovation (scaffolding, new pipes, lifts being added), gas converted, stairwells full
        # of bikes and jars, sandstorms, many elderly alone, told in 山东话, 河北话, 天津话, 陕西话
        # and by their children watching from other cities; measured once on round 80 as
        # committed (9e9814a): P 0.957 / R 0.957 / category 0.879 / location 0.678 / urgent 65
        # of 80, 0 FA of 120. Floors: the first run.
        ("blind108-mixed.jsonl", (0.95, 0.95, 0.87, 0.67, 0.81, 0)),
        # blind109: a riverside compound stepped up a southwestern mountain city's slope in late
        # autumn fog and rain — footbridges, retaining walls, a rising river, motorbike lanes, a
        # night market, mahjong rooms — told in 贵州话, 四川话, 重庆话 and by Miao and Buyi
        # residents writing Mandarin as a second language; measured once on round 81 as
        # committed (d51c12b, the session's final rules), held out and not tuned on: P 0.978 /
        # R 0.964 / category 0.864 / location 0.556 / urgent 67 of 80, 1 FA of 120. Floors: the
        # first run.
        ("blind109-mixed.jsonl", (0.97, 0.96, 0.86, 0.55, 0.83, 1)),
        # blind110: a new high-rise estate on the edge of a northern city in deep winter —
        # district heating, frozen pipes, ice on paths and ramps, e-bikes charged in corridors, a
        # kindergarten inside, retirees minding grandchildren — told in 东北话, by retirees with
        # voice input, by grid workers, the heating company and Russian- and English-speaking
        # tenants; measured once on round 82 as committed (758630e, the session's final rules),
        # held out and not tuned on: P 0.993 / R 0.986 / category 0.907 / location 0.602 /
        # urgent 75 of 80, 0 FA of 120. Floors: the first run.
        ("blind110-mixed.jsonl", (0.99, 0.98, 0.90, 0.60, 0.93, 0)),
        # blind111: a second writer given blind110's brief (the same winter estate), who read
        # only the taxonomy and never saw blind110; measured once on round 82 (the classifier
        # of 758630e), held out and not tuned on: P 0.971 / R 0.971 / category 0.879 /
        # location 0.629 / urgent 71 of 80, 2 FA of 120. Floors: the first run.
        ("blind111-mixed.jsonl", (0.97, 0.97, 0.87, 0.62, 0.88, 2)),
    ],
)
def test_quality_floors(
    classifier: Classifier, name: str, floors: tuple[float, float, float, float, float, int]
) -> None:
    precision, recall, category, location, urgent, false_alarms = floors
    report = _measure(classifier, name)
    assert report.total >= 60
    assert report.complaint_precision >= precision
    assert report.complaint_recall >= recall
    assert report.category_accuracy >= category
    assert report.location_exact >= location
    assert report.urgent_recall >= urgent
    assert report.urgent_false_alarms <= false_alarms


def test_team_set_is_large_and_varied() -> None:
    rows = [json.loads(x) for x in (DATA / "messages-team.jsonl").read_text("utf-8").splitlines()]
    assert len(rows) >= 200
    assert sum(r["is_complaint"] for r in rows) > 100
    assert sum(not r["is_complaint"] for r in rows) > 60
    assert sum(r["urgent"] for r in rows) >= 15
    assert sum(r["location"] is not None for r in rows) >= 50
    assert any(c.isascii() and c.isalpha() for r in rows for c in r["text"])  # some English


def test_the_held_out_sets_exist_and_stay_out_of_the_training(tmp_path: Path) -> None:
    """`python -m bot.devtools.train` leaves out the sets the docs measure as unseen."""
    from bot.devtools.train import HELD_OUT, family, load_sets

    files = {family(path) for path in DATA.rglob("*.jsonl")}
    assert files >= HELD_OUT
    rules = Classifier.load(model=False)
    for path in DATA.rglob("*.jsonl"):  # a few lines of each set show the filter at work
        head = path.read_text(encoding="utf-8").splitlines(keepends=True)[:3]
        copy = tmp_path / path.relative_to(DATA)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text("".join(head), encoding="utf-8")
    kept = {e.family for e in load_sets(rules, tmp_path, HELD_OUT)}
    assert kept and not kept & HELD_OUT
    assert {e.family for e in load_sets(rules, tmp_path)} >= HELD_OUT
