import { mountApp } from '../shared/mount'
import { MerchantApp } from './MerchantApp'

mountApp(<MerchantApp />)
