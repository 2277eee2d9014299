"""Choices of the partner network."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class InstitutionType(models.TextChoices):
    UNIVERSITY = "university", _("University")
    GOVERNMENT = "government", _("Province or government body")
    COMPANY = "company", _("Company")
    ASSOCIATION = "association", _("Association")
    INTERNAL = "internal", _("Faculty or institute of our university")


class Province(models.TextChoices):
    """China's provincial-level divisions (provinces, autonomous regions, municipalities,
    special administrative regions), in the romanisation of their official names."""

    ANHUI = "anhui", _("Anhui")
    BEIJING = "beijing", _("Beijing")
    CHONGQING = "chongqing", _("Chongqing")
    FUJIAN = "fujian", _("Fujian")
    GANSU = "gansu", _("Gansu")
    GUANGDONG = "guangdong", _("Guangdong")
    GUANGXI = "guangxi", _("Guangxi")
    GUIZHOU = "guizhou", _("Guizhou")
    HAINAN = "hainan", _("Hainan")
    HEBEI = "hebei", _("Hebei")
    HEILONGJIANG = "heilongjiang", _("Heilongjiang")
    HENAN = "henan", _("Henan")
    HONG_KONG = "hong_kong", _("Hong Kong")
    HUBEI = "hubei", _("Hubei")
    HUNAN = "hunan", _("Hunan")
    INNER_MONGOLIA = "inner_mongolia", _("Inner Mongolia")
    JIANGSU = "jiangsu", _("Jiangsu")
    JIANGXI = "jiangxi", _("Jiangxi")
    JILIN = "jilin", _("Jilin")
    LIAONING = "liaoning", _("Liaoning")
    MACAO = "macao", _("Macao")
    NINGXIA = "ningxia", _("Ningxia")
    QINGHAI = "qinghai", _("Qinghai")
    SHAANXI = "shaanxi", _("Shaanxi")
    SHANDONG = "shandong", _("Shandong")
    SHANGHAI = "shanghai", _("Shanghai")
    SHANXI = "shanxi", _("Shanxi")
    SICHUAN = "sichuan", _("Sichuan")
    TAIWAN = "taiwan", _("Taiwan")
    TIANJIN = "tianjin", _("Tianjin")
    TIBET = "tibet", _("Tibet")
    XINJIANG = "xinjiang", _("Xinjiang")
    YUNNAN = "yunnan", _("Yunnan")
    ZHEJIANG = "zhejiang", _("Zhejiang")


class AgreementType(models.TextChoices):
    MOU = "mou", _("Memorandum of understanding")
    EXCHANGE = "exchange", _("Exchange agreement")
    DOUBLE_DEGREE = "double_degree", _("Double degree")
    SCHOOL = "school", _("Summer or winter school")
    PROVINCE_FRAMEWORK = "province_framework", _("Province-level framework agreement")
    RESEARCH = "research", _("Research cooperation")


class VisitDirection(models.TextChoices):
    INCOMING = "incoming", pgettext_lazy("delegation visit", "Incoming")
    OUTGOING = "outgoing", pgettext_lazy("delegation visit", "Outgoing")


class AgendaZone(models.TextChoices):
    """Where an agenda item happens, and so the time zone its time is entered in."""

    GERMANY = "Europe/Berlin", _("Germany (Berlin time)")
    CHINA = "Asia/Shanghai", _("China (China Standard Time)")


# Days before an agreement's end on which its responsible person is reminded.
RENEWAL_ALERT_DAYS = (180, 90, 30)
