"""The 15 Media Frames Corpus dimensions (Boydstun et al. 2014): keys and display names."""

from __future__ import annotations

MFC_FRAMES: dict[str, str] = {
    "economic": "Economic",
    "capacity": "Capacity and resources",
    "morality": "Morality",
    "fairness": "Fairness and equality",
    "legality": "Legality, constitutionality and jurisprudence",
    "policy": "Policy prescription and evaluation",
    "crime": "Crime and punishment",
    "security": "Security and defense",
    "health": "Health and safety",
    "quality_of_life": "Quality of life",
    "cultural_identity": "Cultural identity",
    "public_opinion": "Public opinion",
    "political": "Political",
    "external_regulation": "External regulation and reputation",
    "other": "Other",
}
"""Frame key (used in column names and label files) to its codebook name."""

SEMEVAL_TO_MFC: dict[str, str] = {
    "Economic": "economic",
    "Capacity_and_resources": "capacity",
    "Morality": "morality",
    "Fairness_and_equality": "fairness",
    "Legality_Constitutionality_and_jurisprudence": "legality",
    "Policy_prescription_and_evaluation": "policy",
    "Crime_and_punishment": "crime",
    "Security_and_defense": "security",
    "Health_and_safety": "health",
    "Quality_of_life": "quality_of_life",
    "Cultural_identity": "cultural_identity",
    "Public_opinion": "public_opinion",
    "Political": "political",
    "External_regulation_and_reputation": "external_regulation",
}
"""SemEval-2023 Task 3 frame names to our keys (SemEval has no "Other")."""
