import { mountApp } from '../shared/mount'
import { WalletApp } from './WalletApp'

mountApp(<WalletApp />)
