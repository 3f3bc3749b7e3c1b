"""Write a synthetic, deterministic question bank shaped like the real seed.

``python bench/synth_bank.py N OUT_DIR`` writes N questions into ``OUT_DIR/synthetic/``
as ``bank-01.md``, ``bank-02.md``… (at most `QUESTIONS_PER_FILE` questions each): one
bank of several files, as one author publishes (several banks would also time the
cross-bank finder, which is measured on its own).
Every file mixes the seed's four formats, in the seed's order:

1. ``### 🔍 **Section**`` headings, each over a numbered list of bold
   questions (``1. **…**``) without follow-ups;
2. untitled ``### 🔹 **1. Question?**`` headings, each with a
   ``**Follow-ups:**`` paragraph and ``-`` bullets;
3. ``## 🔹 Section`` groups of ``### **1. Question?**`` headings with the label
   right under the heading;
4. ``## 🔹 Section`` groups whose questions have blank lines around the label
   and ``---`` between them.

Sections hold about `QUESTIONS_PER_SECTION` questions (so 10,000 questions make
about 200 topic pages) and titles are unique, so each section becomes its own
topic; questions average about 2.5 follow-ups.  Every question written as a
heading (formats 2 to 4) has an answer after its follow-ups, as published banks
do: a paragraph with inline Markdown, then, in turn, a bullet list, a fenced code
block with its language, or a table (about 700 characters of Markdown).  Like the seed, odd-numbered
files are Mac Roman mojibake (UTF-8 bytes decoded as Mac Roman); the others are
clean UTF-8.  No ``topics.yml`` is written.  The same N always gives the same
bytes.
"""

from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

SEED = 20261125
QUESTIONS_PER_SECTION = 50
QUESTIONS_PER_FILE = 2_000
FORMAT_WEIGHTS = {1: 0.15, 3: 0.45, 4: 0.40}
"""Share of titled sections in each format (format 2 is the untitled part)."""
FOLLOW_UP_COUNTS = (2, 2, 3, 3, 4)
"""Follow-ups per question outside format 1 (which, like the seed, has none)."""

TECHNIQUES = (
    "dropout", "batch normalization", "layer normalization", "weight decay",
    "gradient clipping", "early stopping", "data augmentation", "label smoothing", "mixup",
    "knowledge distillation", "post-training quantization", "magnitude pruning",
    "learning rate warmup", "cosine annealing", "Adam", "SGD with momentum", "RMSProp",
    "AdamW", "beam search", "negative sampling", "contrastive learning",
    "self-supervised pretraining", "transfer learning", "full fine-tuning", "LoRA",
    "prompt tuning", "curriculum learning", "active learning", "pseudo-labeling",
    "ensembling", "bagging", "boosting", "stacking", "feature hashing", "one-hot encoding",
    "target encoding", "PCA", "t-SNE", "UMAP", "k-fold cross-validation",
    "stratified sampling", "importance sampling", "teacher forcing", "residual connections",
    "attention masking", "rotary position embeddings", "mixed-precision training",
    "gradient checkpointing", "data parallelism", "tensor parallelism", "experience replay",
    "reward shaping", "temperature scaling", "Platt scaling", "SMOTE", "class weighting",
    "focal loss", "hard negative mining", "spectral normalization", "Xavier initialization",
    "He initialization", "gradient accumulation", "sparse attention", "retrieval augmentation",
)  # fmt: skip
MODELS = (
    "logistic regression", "linear regression", "a random forest", "gradient-boosted trees",
    "XGBoost", "an SVM", "k-nearest neighbours", "k-means", "a Gaussian mixture model",
    "a hidden Markov model", "a CNN", "an RNN", "an LSTM", "a GRU", "a Transformer", "BERT",
    "a GPT-style decoder", "a vision transformer", "a U-Net", "ResNet-50", "a VAE", "a GAN",
    "a diffusion model", "a graph neural network", "a two-tower recommender",
    "a factorization machine", "a Siamese network", "an autoencoder", "a DQN agent",
    "a policy-gradient agent", "an actor-critic agent", "naive Bayes", "a decision tree",
    "a mixture of experts", "a CRF", "word2vec", "a seq2seq model", "a RAG pipeline",
    "a normalizing flow", "a Bayesian neural network", "an isolation forest", "LightGBM",
)  # fmt: skip
PROPERTIES = (
    "convergence speed", "generalization", "calibration", "training stability",
    "inference latency", "memory footprint", "sample efficiency", "robustness to noise",
    "interpretability", "fairness", "gradient flow", "out-of-distribution accuracy",
    "throughput", "reproducibility", "label noise sensitivity", "minority-class recall",
    "overfitting", "model capacity", "numerical stability", "training cost",
)  # fmt: skip
TASKS = (
    "image classification", "object detection", "semantic segmentation",
    "machine translation", "named entity recognition", "sentiment analysis",
    "speech recognition", "time-series forecasting", "anomaly detection", "fraud detection",
    "click-through rate prediction", "churn prediction", "music recommendation",
    "search ranking", "question answering", "summarization", "medical imaging",
    "demand forecasting", "credit scoring", "topic modeling", "document retrieval",
    "customer segmentation", "spam filtering", "pose estimation", "code completion",
    "ad targeting", "content moderation", "dialogue systems", "sensor fault detection",
    "image captioning", "query autocompletion", "price optimization", "OCR", "face verification",
    "lead scoring", "route planning", "drug discovery", "video understanding", "news ranking",
)  # fmt: skip
METRICS = (
    "precision", "recall", "F1 score", "ROC AUC", "PR AUC", "log loss", "mean squared error",
    "mean absolute error", "BLEU", "perplexity", "NDCG", "mean average precision",
    "expected calibration error", "top-5 accuracy", "IoU", "R squared",
)  # fmt: skip
CONCEPTS = (
    "the curse of dimensionality", "vanishing gradients", "exploding gradients",
    "covariate shift", "concept drift", "data leakage", "mode collapse",
    "catastrophic forgetting", "the exploration-exploitation trade-off", "the kernel trick",
    "maximum likelihood estimation", "the ELBO", "KL divergence", "cross-entropy",
    "the softmax bottleneck", "label leakage", "multicollinearity", "heteroscedasticity",
    "double descent", "the lottery ticket hypothesis", "Simpson's paradox", "selection bias",
    "survivorship bias", "the cold-start problem", "reward hacking", "posterior collapse",
    "attention sinks", "feature drift", "spurious correlations", "the no free lunch theorem",
    "ε-greedy exploration", "the bias-variance tradeoff", "shortcut learning",
    "class imbalance", "label noise", "overconfident predictions", "feedback loops",
    "train-serving skew", "dead ReLUs", "internal covariate shift", "position bias",
)  # fmt: skip
CODE = (
    "`model.eval()`", "`torch.no_grad()`", "`nn.Dropout(p=0.5)`", "`optimizer.zero_grad()`",
    "`loss.backward()`", "`class_weight='balanced'`", "`StandardScaler`",
    "`train_test_split`", "`max_depth`", "`lr=3e-4`", "`random_state=42`",
    "`torch.compile`", "`fit_transform`", "`tf.function`", "`np.log1p`",
)  # fmt: skip
EMPHASIS = ("*actually*", "*really*", "*always*", "*ever*", "*still*", "*only*")
SIZES = ("10 thousand", "a million", "100 million", "a few hundred", "50 billion")

QUESTIONS = (
    "How does {technique} affect {property} in {model}?",
    "Why could {technique} hurt {property} for {task}?",
    "What is {concept}, and how does it show up in {task}?",
    "How would {model} suffer from {concept}? Explain it to a new colleague.",
    "When would you choose {model} over {model2} for {task}?",
    "Compare {technique} and {technique2}. When does each one win?",
    "How would you evaluate {model} on {task} beyond {metric}?",
    "Your {model} for {task} has great {metric} offline but fails in production. "
    "What do you check first?",
    "Using {model}, design the {task} service: data, features and the feedback loop.",
    "How do you detect {concept} in a deployed {task} model?",
    "Why is {metric} misleading for {task}, and what would you report instead?",
    "How can {technique} fail when training {model} for {task}?",
    "How would you debug {concept} while training {model} for {task}?",
    "Can you explain how {technique} interacts with {technique2} in {model}?",
    "For {task}, is {technique} {emphasis} a good idea? Why or why not?",
    "What does {code} change in {model}, and why does it matter for {property}?",
    "How would you scale {technique} for {model} to {size} examples?",
    "Suppose {model} overfits on {task} with only {size} labelled examples. What do you try?",
    "Under {concept}, which assumptions of {model} break first?",
    "What’s the intuition behind {technique} for {model}?",
    "When tuning {model}, how do {property} and {property2} trade off?",
    "Which {metric} threshold for {task} would you ship, and who decides?",
    "Walk me through {concept} with a concrete {task} example.",
    "Where does {concept} come from in {model}, and how do you fix it?",
    "Derive the loss of {model} from {concept}.",
    "Why does {technique} {emphasis} improve {property}?",
    "How would you explain {concept} in {task} to a product manager?",
    "For {task} with {model}, what data would you collect first?",
    "Would you pick {model} or {model2} for {task} with {size} rows?",
    "Is {metric} the right target for {task} with {technique}?",
    "How do you choose *k* when using {model} for {task}?",
)  # fmt: skip
FOLLOW_UPS = (
    "How would you measure {property} here?",
    "What changes if the dataset is {size} examples instead?",
    "How does this interact with {technique}?",
    "Would {model2} behave differently? Why?",
    "What would you monitor in production?",
    "Can you give a concrete example from {task}?",
    "What is the computational cost, in time and memory?",
    "How would you explain this to a non-technical stakeholder?",
    "What does {metric} miss here?",
    "When does this *not* work?",
    "How would {concept} change your answer?",
    "What would you try if {property} got worse?",
    "Can you sketch the code, e.g. with {code}?",
    "How do you know the improvement is not noise?",
    "What’s the simplest baseline you would compare against?",
    "Which hyperparameters matter most, and why?",
    "How would this look for {task}?",
    "What are the risks of {technique} in this setting?",
)  # fmt: skip
SECTION_ICONS = ("🔍", "🧠", "🛠️", "🔬", "🧩", "⚡", "📊", "⚙️", "🏗️", "🎨", "💬", "🎮", "📚", "⚖️")
AREAS = (
    "Core Machine Learning", "Deep Learning", "Optimization", "Regularization",
    "Probability & Statistics", "Linear Models", "Tree Ensembles", "Kernel Methods",
    "Clustering", "Dimensionality Reduction", "Computer Vision", "NLP",
    "Large Language Models", "Speech & Audio", "Time Series", "Recommender Systems",
    "Search & Ranking", "Reinforcement Learning", "Generative Models", "Graph Learning",
    "Evaluation & Metrics", "Feature Engineering", "Data Quality", "MLOps",
    "Model Deployment", "Distributed Training", "Inference Optimization", "Responsible AI",
    "Causal Inference", "Experimentation & A/B Testing", "Bayesian Methods",
    "Anomaly Detection", "Transfer Learning", "Self-Supervised Learning",
    "Multimodal Models", "Research & Theory", "System Design", "Privacy & Security",
    "Active Learning", "Neural Network Training",
)  # fmt: skip
ASPECTS = (
    "", "Fundamentals", "In Practice", "Deep Dive", "Pitfalls", "Interview Classics",
    "Advanced Topics", "Case Studies", "Trade-offs", "Debugging", "At Scale", "Theory",
    "Questions (With Follow-Ups)",
)  # fmt: skip


@dataclass
class _Section:
    title: str | None
    icon: str
    form: int
    questions: list[tuple[str, list[str]]] = field(default_factory=list)


class _Writer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.titles: set[str] = set()

    def fill(self, template: str) -> str:
        pick = self.rng.choice
        technique, technique2 = self.rng.sample(TECHNIQUES, 2)
        model, model2 = self.rng.sample(MODELS, 2)
        prop, prop2 = self.rng.sample(PROPERTIES, 2)
        return template.format(
            technique=technique,
            technique2=technique2,
            model=model,
            model2=model2,
            property=prop,
            property2=prop2,
            task=pick(TASKS),
            metric=pick(METRICS),
            concept=pick(CONCEPTS),
            code=pick(CODE),
            emphasis=pick(EMPHASIS),
            size=pick(SIZES),
        )

    def question(self, with_follow_ups: bool) -> tuple[str, list[str]]:
        text = self.fill(self.rng.choice(QUESTIONS))
        if self.rng.random() < 0.06:
            text = text.replace(" you ", " you *really* ", 1)
        count = self.rng.choice(FOLLOW_UP_COUNTS) if with_follow_ups else 0
        return text, [self.fill(t) for t in self.rng.sample(FOLLOW_UPS, count)]

    def title(self) -> str:
        """A section title no other section has (after the generator's normalisation)."""
        for _ in range(10_000):
            area, aspect = self.rng.choice(AREAS), self.rng.choice(ASPECTS)
            if not aspect:
                title = area
            elif aspect.startswith("Questions") or self.rng.random() < 0.5:
                title = f"{area} {aspect}"
            else:
                title = f"{area}: {aspect}"
            key = " ".join(re.findall(r"\w+", title.casefold()))
            if key not in self.titles:
                self.titles.add(key)
                return title
        title = f"{self.rng.choice(AREAS)}, Part {len(self.titles) + 1}"
        self.titles.add(title)
        return title


BANK = "synthetic"
"""The folder the files go in: one bank."""


def write_bank(n: int, out: Path) -> None:
    """Write ``n`` synthetic questions as ``*.md`` seed files into ``out/synthetic``."""
    if n < 1:
        raise ValueError("a bank needs at least one question")
    rng = random.Random(SEED)
    writer = _Writer(rng)
    _fill_answers(writer)
    for old in out.rglob("*.md"):
        old.unlink()
    out = out / BANK
    out.mkdir(parents=True, exist_ok=True)
    files = -(-n // QUESTIONS_PER_FILE)
    remaining = n
    for index in range(files):
        size = -(-remaining // (files - index))
        remaining -= size
        untitled = max(1, min(size // 10, round(QUESTIONS_PER_SECTION / files)))
        text = _file_text(writer, size, untitled)
        if index % 2 == 0:
            # The seed's mojibake: its UTF-8 bytes read back as Mac Roman.
            text = text.encode("utf-8").decode("mac_roman")
        (out / f"bank-{index + 1:02d}.md").write_text(text, encoding="utf-8", newline="\n")


def _file_text(writer: _Writer, size: int, untitled: int) -> str:
    rng = writer.rng
    untitled = min(untitled, size - 1) if size > 1 else 0
    titled = size - untitled
    sections: list[_Section] = []
    count = max(1, round(titled / QUESTIONS_PER_SECTION))
    forms = list(FORMAT_WEIGHTS)
    weights = list(FORMAT_WEIGHTS.values())
    spread = [rng.uniform(0.6, 1.4) for _ in range(count)]
    shares = [max(1, int(titled * w / sum(spread))) for w in spread]
    shares[-1] += titled - sum(shares)
    for share in shares:
        form = rng.choices(forms, weights)[0]
        icon = rng.choice(SECTION_ICONS) if form == 1 else "🔹"
        section = _Section(writer.title(), icon, form)
        section.questions = [writer.question(form != 1) for _ in range(share)]
        sections.append(section)
    loose = _Section(None, "🔹", 2, [writer.question(True) for _ in range(untitled)])
    # The seed's order: list sections, the untitled part, then the `##` groups.
    ordered = [s for s in sections if s.form == 1]
    ordered += [loose] if loose.questions else []
    ordered += [s for s in sections if s.form != 1]
    return "\n".join(_render(section) for section in ordered)


ANSWER_PARAGRAPHS = (
    "In short, {technique} trades a little *bias* for less variance: it constrains "
    "{model} so that it cannot fit the noise of a small training set, and the "
    "validation {metric} is what tells you whether the trade paid off.",
    "Start from the data, not the model: check the label distribution, look for "
    "leakage between the splits, and only then compare {model} with {model2} on the "
    "same folds, reporting the spread of the {metric} as well as its mean.",
    "The key idea is that `{code}` changes what the optimiser sees: with {technique} "
    "the effective step size shrinks where the gradients are noisy, which is why "
    "training is steadier but sometimes slower to converge.",
)
ANSWER_EXTRAS = (
    ["- measure the {metric} on a held-out set", "- compare with {technique2}",
     "- watch the gap between training and validation curves"],
    ["```python", "model = make_model()  # {model}", "history = model.fit(x, y, epochs=10)",
     "print(history.best_score)", "```"],
    ["| setting | effect on {metric} |", "|---|---|", "| with {technique} | higher |",
     "| without | lower, noisier |"],
)  # fmt: skip


def _answer(section: _Section, number: int) -> list[str]:
    """The answer of a heading question: a paragraph, then a list, code or a table."""
    lines = [_ANSWER_TEXT[section.form][number % len(ANSWER_PARAGRAPHS)], ""]
    return lines + ANSWER_EXTRA_TEXT[number % len(ANSWER_EXTRAS)] + [""]


_ANSWER_TEXT: dict[int, list[str]] = {}
ANSWER_EXTRA_TEXT: list[list[str]] = []


def _fill_answers(writer: _Writer) -> None:
    """Fill the answer templates once per bank, so every bank reads the same words."""
    for form in (2, 3, 4):
        _ANSWER_TEXT[form] = [writer.fill(text) for text in ANSWER_PARAGRAPHS]
    ANSWER_EXTRA_TEXT[:] = [[writer.fill(line) for line in extra] for extra in ANSWER_EXTRAS]


def _render(section: _Section) -> str:
    lines: list[str] = []
    if section.form == 1:
        lines += [f"### {section.icon} **{section.title}**", ""]
        lines += [f"{n}. **{text}**" for n, (text, _) in enumerate(section.questions, 1)]
        lines += ["", "---", ""]
    elif section.form == 2:
        for n, (text, follow_ups) in enumerate(section.questions, 1):
            lines += [f"### {section.icon} **{n}. {text}**", "", "**Follow-ups:**"]
            lines += [f"- {f}" for f in follow_ups] + [""] + _answer(section, n) + ["---", ""]
    elif section.form == 3:
        lines += [f"## {section.icon} {section.title}", ""]
        for n, (text, follow_ups) in enumerate(section.questions, 1):
            lines += [f"### **{n}. {text}**", "**Follow-ups:**"]
            lines += [f"- {f}" for f in follow_ups] + [""] + _answer(section, n)
        lines += ["---", ""]
    else:
        lines += [f"## {section.icon} {section.title}", "", "---", ""]
        for n, (text, follow_ups) in enumerate(section.questions, 1):
            lines += [f"### **{n}. {text}**", "", "**Follow-ups:**", ""]
            lines += [f"- {f}" for f in follow_ups] + [""] + _answer(section, n) + ["---", ""]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) != 3 or not argv[1].isdigit():
        print("usage: python bench/synth_bank.py N OUT_DIR", file=sys.stderr)
        return 2
    write_bank(int(argv[1]), Path(argv[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
